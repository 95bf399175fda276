#pragma once

#include <QString>
#include <QStringList>
#include <QVector>

class CsvFile;
class EnrichmentResults;

// Transaction costs added up the way they can be: a cost is in its notional's currency, so ok
// rows are totalled per (legal-address country, currency), never across currencies.
struct CostTotal
{
    QString country;  // empty: the record has none
    QString currency; // upper-cased as written; empty: no currency column, or an empty cell
    double total = 0;
    qint64 rows = 0;
};

namespace CostTotals {

// The input's currency column: `notional_currency`, else `currency`, `ccy` or `currency_code`
// (case-insensitive), the first such; -1 when there is none.
int findCurrencyColumn(const QStringList &header);

// Totals of the ok rows, sorted by country, then currency. `currencyColumn` -1: one currency
// (empty) per country.
QVector<CostTotal> compute(const EnrichmentResults &results, const CsvFile &file, int currencyColumn);

} // namespace CostTotals
