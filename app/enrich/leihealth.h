#pragma once

#include <QDate>
#include <QStringList>

struct GleifRecord;

// Whether a found LEI is in good standing (product contract, "LEI health"). A warning, never a
// status: `enrichment_status` stays `ok`.
namespace LeiHealth {

inline constexpr int renewalWindowDays = 30;

// The record's own codes, in the contract's order: the registration status when it is not ISSUED
// or PENDING_TRANSFER, lower-cased (`lapsed`, `retired`, ...); `inactive`; `successor:LEI`;
// `renewal_due` (next renewal within 30 days of `today`, or overdue). `parent_lookup_failed` and
// `stale` come after these, from whoever knows them.
QStringList judge(const GleifRecord &record, QDate today);

// The UTC date of a GLEIF timestamp ("2027-01-01T00:00:00Z", also with an offset), invalid when
// the text is not one.
QDate utcDate(const QString &timestamp);

} // namespace LeiHealth
