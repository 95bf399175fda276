#pragma once

#include <QDate>
#include <QSet>
#include <QStringList>

#include <vector>

class EnrichmentResults;
struct GleifRecord;

// LEI health as row warnings (product contract, "LEI health"): each distinct LEI is judged once
// when its answer settles, and apply() puts its codes on every row with that LEI. The rows'
// `enrichment_status` is not touched: an ok row stays ok.
class HealthWarnings
{
public:
    static inline const QString kStale = QStringLiteral("stale");
    static inline const QString kParentLookupFailed = QStringLiteral("parent_lookup_failed");

    // A new run judged as of `today` (the run's UTC date).
    void reset(QDate today);
    // The answer `index` (EnrichmentResults' answer order) settled: found with `record` or not,
    // from an expired cache entry or not. Settling again (a retry) replaces what was said.
    void judge(qint32 index, bool found, const GleifRecord &record, bool stale);
    // One more code for the answer `index`, e.g. `parent_lookup_failed`; kept in contract order.
    void add(qint32 index, const QString &code);
    void remove(qint32 index, const QString &code);
    // The codes judged for the answer `index` so far, in contract order.
    QStringList codes(qint32 index) const
    {
        return index >= 0 && size_t(index) < m_codes.size() ? m_codes[size_t(index)] : QStringList();
    }
    // Replaces the health warnings of `results` with the codes judged so far, in one pass over
    // the rows (warnings of other kinds, such as extra_fields, stay).
    void apply(EnrichmentResults &results);

    // Whether `code` is an LEI health code (`successor:LEI` included), i.e. not extra_fields or
    // missing_fields.
    static bool isHealthCode(const QString &code);
    // The group a code is counted under: `successor` for `successor:LEI`, else the code.
    static QString groupOf(const QString &code);
    // In words, for tooltips and the failures panel ("lapsed: the registration was not renewed").
    static QString describe(const QString &code);
    // The codes in the contract's order, for headings and counts ("successor" for the LEIs).
    static const QStringList &allCodes();

    QDate today() const { return m_today; }

private:
    static int rank(const QString &code); // position in the contract's order

    QDate m_today;
    std::vector<QStringList> m_codes; // by answer index; empty: nothing to say
    QSet<QString> m_applied;          // codes apply() has put on rows this run
};
