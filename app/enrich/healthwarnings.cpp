#include "healthwarnings.h"

#include "enrichmentresults.h"
#include "gleifrecord.h"
#include "leihealth.h"

#include <QCoreApplication>
#include <QHash>

#include <algorithm>

void HealthWarnings::reset(QDate today)
{
    m_today = today;
    m_codes.clear();
    m_applied.clear();
}

void HealthWarnings::judge(qint32 index, bool found, const GleifRecord &record, bool stale)
{
    if (index < 0)
        return;
    if (size_t(index) >= m_codes.size())
        m_codes.resize(size_t(index) + 1);
    QStringList codes = found ? LeiHealth::judge(record, m_today) : QStringList();
    if (stale)
        codes << kStale;
    m_codes[size_t(index)] = std::move(codes);
}

void HealthWarnings::add(qint32 index, const QString &code)
{
    if (index < 0)
        return;
    if (size_t(index) >= m_codes.size())
        m_codes.resize(size_t(index) + 1);
    QStringList &codes = m_codes[size_t(index)];
    if (codes.contains(code))
        return;
    codes.append(code);
    std::stable_sort(codes.begin(), codes.end(), [](const QString &a, const QString &b) { return rank(a) < rank(b); });
}

void HealthWarnings::remove(qint32 index, const QString &code)
{
    if (index >= 0 && size_t(index) < m_codes.size())
        m_codes[size_t(index)].removeAll(code);
}

int HealthWarnings::rank(const QString &code)
{
    const qsizetype known = allCodes().indexOf(groupOf(code));
    // A registration status the contract does not list yet still comes with the statuses.
    return known >= 0 ? int(known) : int(allCodes().indexOf(QStringLiteral("inactive"))) - 1;
}

void HealthWarnings::apply(EnrichmentResults &results)
{
    // EnrichmentResults::warnings(row) lists a row's codes by their index in m_warningCodes, so
    // the table is rebuilt: other warnings' codes first as they were, then the health codes in
    // the contract's order. Then one pass over the rows and one sort, so a million rows cost
    // no insertions into the middle of the warnings.
    // Codes are found through a hash: every successor:LEI is a code of its own, so there can be
    // as many codes as LEIs, and list searches made this quadratic (minutes for 100,000 LEIs).
    QStringList codes;
    QHash<QString, qint32> indexOf;
    std::vector<qint32> remap(size_t(results.m_warningCodes.size()), -1);
    for (qsizetype i = 0; i < results.m_warningCodes.size(); ++i) {
        if (m_applied.contains(results.m_warningCodes[i]))
            continue; // what an earlier apply() put there goes: a retry may have changed it
        remap[size_t(i)] = qint32(codes.size());
        indexOf.insert(results.m_warningCodes[i], qint32(codes.size()));
        codes.append(results.m_warningCodes[i]);
    }
    std::vector<EnrichmentResults::Warning> kept;
    kept.reserve(results.m_warnings.size());
    for (const EnrichmentResults::Warning &w : results.m_warnings)
        if (const qint32 to = remap[size_t(w.code)]; to >= 0)
            kept.push_back({w.row, to});

    QSet<QString> distinct;
    for (const QStringList &answerCodes : m_codes)
        for (const QString &code : answerCodes)
            distinct.insert(code);
    QStringList health(distinct.cbegin(), distinct.cend());
    std::sort(health.begin(), health.end(), [](const QString &a, const QString &b) {
        const int ra = rank(a), rb = rank(b);
        return ra != rb ? ra < rb : a < b;
    });
    for (const QString &code : std::as_const(health)) {
        if (indexOf.contains(code))
            continue; // someone else's warning already: not this object's to remove later
        indexOf.insert(code, qint32(codes.size()));
        codes.append(code);
        m_applied.insert(code);
    }

    std::vector<std::vector<qint32>> codeIndices(m_codes.size());
    for (size_t a = 0; a < m_codes.size(); ++a) {
        for (const QString &code : m_codes[a])
            codeIndices[a].push_back(indexOf.value(code));
        std::sort(codeIndices[a].begin(), codeIndices[a].end());
    }
    if (!health.isEmpty()) {
        // Made in row order and, within a row, in code order: sorted already, so merged.
        std::vector<EnrichmentResults::Warning> added;
        const qint64 rows = results.rowCount();
        for (qint64 row = 0; row < rows; ++row) {
            const qint32 a = results.m_rowLei[size_t(row)];
            if (a >= 0 && size_t(a) < codeIndices.size())
                for (qint32 code : codeIndices[size_t(a)])
                    added.push_back({row, code});
        }
        std::vector<EnrichmentResults::Warning> merged(kept.size() + added.size());
        std::merge(kept.begin(), kept.end(), added.begin(), added.end(), merged.begin());
        kept = std::move(merged);
    }
    results.m_warningCodes = std::move(codes);
    results.m_warnings = std::move(kept);
    qint64 warningRows = 0;
    for (size_t i = 0; i < results.m_warnings.size(); ++i)
        if (i == 0 || results.m_warnings[i].row != results.m_warnings[i - 1].row)
            ++warningRows;
    results.m_warningRows = warningRows;
}

bool HealthWarnings::isHealthCode(const QString &code)
{
    // Any registration status GLEIF may add is lower-cased into a code too: all but the
    // field-count codes are about the LEI.
    return !code.isEmpty() && code != RowWarning::kExtraFields && code != RowWarning::kMissingFields;
}

QString HealthWarnings::groupOf(const QString &code)
{
    return code.startsWith(u"successor:") ? QStringLiteral("successor") : code;
}

const QStringList &HealthWarnings::allCodes()
{
    static const QStringList codes{
        QStringLiteral("lapsed"), QStringLiteral("retired"), QStringLiteral("annulled"),
        QStringLiteral("duplicate"), QStringLiteral("merged"), QStringLiteral("pending_archival"),
        QStringLiteral("transferred"), QStringLiteral("cancelled"), QStringLiteral("pending_validation"),
        QStringLiteral("inactive"), QStringLiteral("successor"), QStringLiteral("renewal_due"),
        kParentLookupFailed, kStale};
    return codes;
}

QString HealthWarnings::describe(const QString &code)
{
    const QString group = groupOf(code);
    if (group == u"successor")
        return QCoreApplication::translate("HealthWarnings", "GLEIF names a successor entity: %1").arg(code.mid(10));
    if (code == u"lapsed")
        return QCoreApplication::translate("HealthWarnings", "registration lapsed: not renewed in time");
    if (code == u"retired")
        return QCoreApplication::translate("HealthWarnings", "registration retired: the entity ceased to exist or is no longer registered");
    if (code == u"merged")
        return QCoreApplication::translate("HealthWarnings", "the entity merged into another");
    if (code == u"annulled")
        return QCoreApplication::translate("HealthWarnings", "registration annulled: it was made in error or is invalid");
    if (code == u"duplicate")
        return QCoreApplication::translate("HealthWarnings", "a duplicate of another LEI for the same entity");
    if (code == u"inactive")
        return QCoreApplication::translate("HealthWarnings", "the entity is no longer active");
    if (code == u"renewal_due")
        return QCoreApplication::translate("HealthWarnings", "the registration is due for renewal within 30 days, or overdue");
    if (code == kParentLookupFailed)
        return QCoreApplication::translate("HealthWarnings", "the parent lookup failed");
    if (code == kStale)
        return QCoreApplication::translate("HealthWarnings", "from an expired cache entry: GLEIF could not be reached");
    return QCoreApplication::translate("HealthWarnings", "registration status %1").arg(code.toUpper());
}
