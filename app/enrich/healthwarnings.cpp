#include "healthwarnings.h"

#include "enrichmentresults.h"
#include "gleifrecord.h"
#include "leihealth.h"

#include <QCoreApplication>

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

void HealthWarnings::apply(EnrichmentResults &results)
{
    // Code indices per answer, interned once; then one pass over the rows and one sort, so a
    // million rows cost no insertions into the middle of the warnings.
    std::vector<EnrichmentResults::Warning> kept;
    kept.reserve(results.m_warnings.size());
    // What an earlier apply() put there goes (a retry may have changed it); warnings from
    // anyone else stay.
    std::vector<bool> mine(size_t(results.m_warningCodes.size()));
    for (qsizetype i = 0; i < results.m_warningCodes.size(); ++i)
        mine[size_t(i)] = m_applied.contains(results.m_warningCodes[i]);
    for (const EnrichmentResults::Warning &w : results.m_warnings)
        if (!mine[size_t(w.code)])
            kept.push_back(w);

    std::vector<std::vector<qint32>> codeIndices(m_codes.size());
    bool any = false;
    for (size_t a = 0; a < m_codes.size(); ++a) {
        for (const QString &code : m_codes[a]) {
            qint32 index = qint32(results.m_warningCodes.indexOf(code));
            if (index < 0) {
                index = qint32(results.m_warningCodes.size());
                results.m_warningCodes.append(code);
            }
            codeIndices[a].push_back(index);
            m_applied.insert(code);
            any = true;
        }
    }
    if (any) {
        const qint64 rows = results.rowCount();
        for (qint64 row = 0; row < rows; ++row) {
            const qint32 a = results.m_rowLei[size_t(row)];
            if (a >= 0 && size_t(a) < codeIndices.size())
                for (qint32 code : codeIndices[size_t(a)])
                    kept.push_back({row, code});
        }
        std::sort(kept.begin(), kept.end());
    }
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
        QStringLiteral("parent_lookup_failed"), kStale};
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
    if (code == u"parent_lookup_failed")
        return QCoreApplication::translate("HealthWarnings", "the parent lookup failed");
    if (code == kStale)
        return QCoreApplication::translate("HealthWarnings", "from an expired cache entry: GLEIF could not be reached");
    return QCoreApplication::translate("HealthWarnings", "registration status %1").arg(code.toUpper());
}
