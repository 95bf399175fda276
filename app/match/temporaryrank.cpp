// TEMPORARY (delete when merging match-engine): see temporaryrank.h.
#include "temporaryrank.h"

#include <QHash>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>

#include <vector>

#include <algorithm>

namespace Match {

QString normalise(const QString &name)
{
    QString s = name.normalized(QString::NormalizationForm_KD).toCaseFolded();
    s.remove(QRegularExpression(QStringLiteral("[\\p{Mn}]")));
    s.replace(QRegularExpression(QStringLiteral("[^\\p{L}\\p{N}]+")), QStringLiteral(" "));
    return s.simplified();
}

QString countryCode(const QString &text)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return {};
    static const QHash<QString, QString> alpha3{{QStringLiteral("GBR"), QStringLiteral("GB")}, {QStringLiteral("DEU"), QStringLiteral("DE")},
                                                {QStringLiteral("NLD"), QStringLiteral("NL")}, {QStringLiteral("FRA"), QStringLiteral("FR")}};
    if (alpha3.contains(t.toUpper()))
        return alpha3.value(t.toUpper());
    for (int i = 1; i <= int(QLocale::LastTerritory); ++i) {
        const auto territory = QLocale::Territory(i);
        if (QLocale::territoryToCode(territory).compare(t, Qt::CaseInsensitive) == 0
            || QLocale::territoryToString(territory).compare(t, Qt::CaseInsensitive) == 0)
            return QLocale::territoryToCode(territory);
    }
    return {};
}

namespace {
int similarity(const QString &a, const QString &b) // 100 * (1 - Levenshtein distance / longer length)
{
    if (a.isEmpty() || b.isEmpty())
        return 0;
    std::vector<int> row(size_t(b.size()) + 1);
    for (size_t j = 0; j < row.size(); ++j)
        row[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int up = row[size_t(j)];
            row[size_t(j)] = std::min({up + 1, row[size_t(j) - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = up;
        }
    }
    return 100 - 100 * row.back() / int(std::max(a.size(), b.size()));
}
} // namespace

Result rank(const Query &query, const QVector<Entity> &entities)
{
    Result result;
    const QString wanted = normalise(query.name);
    for (const Entity &e : entities) {
        if (!query.country.isEmpty() && e.legalCountry != query.country && e.hqCountry != query.country)
            continue;
        Candidate c;
        c.entity = e;
        if (e.byBic) {
            c.score = 100;
        } else {
            for (const QString &name : QStringList{e.legalName} + e.otherNames) {
                const int score = similarity(normalise(name), wanted);
                if (score > c.score) {
                    c.score = score;
                    c.matchedName = name;
                }
            }
        }
        result.candidates.append(c);
    }
    std::stable_sort(result.candidates.begin(), result.candidates.end(),
                     [](const Candidate &a, const Candidate &b) { return a.score > b.score; });
    if (result.candidates.isEmpty()) {
        result.reason = QStringLiteral("no candidate");
        return result;
    }
    const int best = result.candidates.first().score;
    const int next = result.candidates.size() > 1 ? result.candidates.at(1).score : 0;
    result.score = best;
    if (best == 100 && next < 100) {
        result.status = Status::Exact;
        result.lei = result.candidates.first().entity.lei;
    } else if (best >= 90 && best - next >= 10) {
        result.status = Status::Probable;
        result.lei = result.candidates.first().entity.lei;
    } else if (best < 60) {
        result.status = Status::None;
        result.reason = QStringLiteral("best score under 60");
    } else {
        result.status = Status::Ambiguous;
        result.reason = QStringLiteral("close candidates");
    }
    result.candidates.resize(std::min<qsizetype>(3, result.candidates.size()));
    return result;
}

} // namespace Match

QVector<QVector<Match::Entity>> temporaryMirrorCandidates(MirrorStore &, const QVector<Match::Query> &queries)
{
    return QVector<QVector<Match::Entity>>(queries.size());
}
