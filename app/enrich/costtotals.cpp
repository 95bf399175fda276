#include "costtotals.h"

#include "csvdialect.h"
#include "csvfile.h"
#include "enrichmentresults.h"

#include <QHash>
#include <QMap>

#include <algorithm>

namespace CostTotals {

int findCurrencyColumn(const QStringList &header)
{
    for (const char *name : {"notional_currency", "currency", "ccy", "currency_code"}) {
        for (int c = 0; c < header.size(); ++c)
            if (header.at(c).trimmed().compare(QLatin1String(name), Qt::CaseInsensitive) == 0)
                return c;
    }
    return -1;
}

QVector<CostTotal> compute(const EnrichmentResults &results, const CsvFile &file, int currencyColumn)
{
    // Per LEI and currency first (a few currencies, an index each), then per country: a map
    // lookup per row costs too much at a million rows.
    struct Sum
    {
        double total = 0;
        qint64 rows = 0;
    };
    QHash<QByteArray, int> currencyIds;
    QStringList currencies;
    // The cells as written ("EUR", " eur") seen so far: a column holds a few, so a row's cell is
    // told by comparing bytes, with no allocation (a column of anything else stops adding here).
    std::vector<std::pair<QByteArray, int>> written;
    std::vector<std::vector<Sum>> byAnswer(size_t(results.answerCount()));
    QByteArray scratch;
    for (qint64 row = 0; row < results.rowCount(); ++row) {
        if (results.status(row) != RowStatus::Ok)
            continue;
        int id = -1;
        if (currencyColumn >= 0) {
            const QByteArrayView cell = file.rawField(row, currencyColumn, &scratch);
            for (const auto &[bytes, known] : written) {
                if (bytes == cell) {
                    id = known;
                    break;
                }
            }
            if (id < 0) {
                const QByteArray raw = cell.toByteArray().trimmed().toUpper();
                auto it = currencyIds.constFind(raw);
                if (it == currencyIds.constEnd()) {
                    it = currencyIds.insert(raw, int(currencies.size()));
                    currencies.append(Csv::decode(file.textEncoding(), raw.constData(), raw.size()));
                }
                id = *it;
                if (written.size() < 64)
                    written.emplace_back(cell.toByteArray(), id);
            }
        } else if (currencies.isEmpty()) {
            currencies.append(QString());
        }
        id = qMax(id, 0);
        std::vector<Sum> &sums = byAnswer[size_t(results.answerIndex(row))];
        if (sums.size() <= size_t(id))
            sums.resize(size_t(id) + 1);
        sums[size_t(id)].total += results.cost(row);
        ++sums[size_t(id)].rows;
    }
    QMap<std::pair<QString, QString>, Sum> byCountry;
    for (size_t a = 0; a < byAnswer.size(); ++a) {
        for (size_t id = 0; id < byAnswer[a].size(); ++id) {
            if (byAnswer[a][id].rows == 0)
                continue;
            Sum &sum = byCountry[{results.answerAt(qint64(a)).country, currencies.at(qsizetype(id))}];
            sum.total += byAnswer[a][id].total;
            sum.rows += byAnswer[a][id].rows;
        }
    }
    QVector<CostTotal> totals;
    totals.reserve(byCountry.size());
    for (auto it = byCountry.cbegin(); it != byCountry.cend(); ++it)
        totals.append({it.key().first, it.key().second, it->total, it->rows});
    return totals;
}

} // namespace CostTotals
