#pragma once

#include "fieldcatalogue.h"

#include <QDate>
#include <QDateTime>
#include <QString>

struct GleifRecord;

// The text of one catalogue field for one found LEI, as every output writes it (empty when GLEIF
// has no value, never "null"). Computed once per LEI by the job, not once per row.
namespace FieldValues {

// What an answer is besides its record.
struct Context
{
    QDateTime fetchedAt; // when the answer was true (UTC)
    bool fromCache = false;
    QStringList leiWarnings; // the LEI's health codes as the job judged them (HealthWarnings)
};

bool hasParentField(const QVector<Fields::Id> &ids);

// Parent fields give an empty text here: their values come from the parent lookup, which the job
// asks separately (EnrichmentJob::valuesOf).
QString value(Fields::Id id, const GleifRecord &record, const Context &context);

} // namespace FieldValues
