#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace Number {

// The shortest text that reads back as the same double, written as Python's repr() writes it
// (the product's reference output): "-757586.0572", "-4599724.0", "1e+16", "1.5e-05".
QString shortest(double value);
// The same into `out` (at least 48 bytes), no allocation; returns the length.
int shortest(double value, char *out);

// Parses a number in the C locale; accepts scientific notation ("1.957E7") and surrounding
// spaces. Returns false for empty, partial ("12abc") and non-finite text.
bool parse(QStringView text, double *value);
// The same for bytes (ASCII digits), without making a QString: the per-row path.
bool parse(QByteArrayView text, double *value);

// How a file writes its numbers: the decimal separator is '.' (Point) or ',' (Comma, as German,
// French or Dutch spreadsheet programs write them); the other character may only group
// thousands.
enum class Convention { Point, Comma };

// Reads `text` in `convention`: "1,234,567.89" (Point) or "1.234.567,89" (Comma); the
// thousands separator is accepted only between groups of three digits before the decimal
// separator, so no number is ever read as a smaller one ("1,5" is not a Point number).
// Scientific notation in both ("1.957E7", "1,957E7").
bool parse(QByteArrayView text, Convention convention, double *value);
bool parse(QStringView text, Convention convention, double *value);

// What one number says about its file's convention: Comma ("763000,5", "1.234,5"), Point
// ("0.0070956", "1,234.5") or nothing ("1000", "1,234", "1.234": either reading is a number).
std::optional<Convention> conventionOf(QByteArrayView text);

// The cost as the CSV export writes it in `convention` (Python's repr() digits, ',' for Comma).
QByteArray written(double value, Convention convention);
// The same into `out` (room for 48 bytes), without allocating: the export's per-row path.
// Returns the length.
int written(double value, Convention convention, char *out);

} // namespace Number
