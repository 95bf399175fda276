#pragma once

#include "fieldcatalogue.h"
#include "gleifrecord.h"

#include <QDate>
#include <QDateTime>
#include <QString>

// The text of one catalogue field for one found LEI, as every output writes it (empty when GLEIF
// has no value, never "null"). Computed once per LEI by the job, not once per row.
namespace FieldValues {

// What an answer is besides its record.
struct Context
{
    QDateTime fetchedAt; // when the answer was true (UTC)
    bool fromCache = false;
    bool fromMirror = false;
    QStringList leiWarnings; // the LEI's health codes as the job judged them (HealthWarnings)
    ParentResult parents;    // for the parent fields: what the parent lookup answered
};

bool hasParentField(const QVector<Fields::Id> &ids);

// Parent fields read context.parents, filled by the job once the parent lookup answered.
QString value(Fields::Id id, const GleifRecord &record, const Context &context);

} // namespace FieldValues
