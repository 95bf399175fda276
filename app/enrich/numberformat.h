#pragma once

#include <QString>

namespace Number {

// The shortest text that reads back as the same double, written as Python's repr() writes it
// (the product's reference output): "-757586.0572", "-4599724.0", "1e+16", "1.5e-05".
QString shortest(double value);

// Parses a number in the C locale; accepts scientific notation ("1.957E7") and surrounding
// spaces. Returns false for empty, partial ("12abc") and non-finite text.
bool parse(QStringView text, double *value);
// The same for bytes (ASCII digits), without making a QString: the per-row path.
bool parse(QByteArrayView text, double *value);

} // namespace Number
