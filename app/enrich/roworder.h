#pragma once

#include <QString>

#include <Qt>
#include <atomic>
#include <vector>

class CsvFile;
class EnrichmentResults;

// Sorting and filtering a table of any size without decoding it cell by cell through a view
// model: keys are read once per row straight from the file's bytes (or the enrichment arrays)
// and the rows are ordered by index. The table model then shows rows in the order given.
namespace RowOrder {

// Every row of `file` ordered by `column` (file columns first, then the five enrichment
// columns). A column whose non-empty cells are all numbers sorts as numbers, empty cells last;
// otherwise by text (byte order of UTF-8, ASCII case folded). Stable.
std::vector<qint32> sorted(const CsvFile &file, const EnrichmentResults *results, int column,
                           Qt::SortOrder order);

// The rows of `rows` (all rows when empty and `all` is true) that match `filter`, in the same
// order. Clauses "FIELD is VALUE" (or "FIELD: VALUE") joined by "and" keep the rows they all
// describe: `status` (an enrichment_status code), `warning` (a row-warning group, `successor`
// for successor:LEI), `country` (the legal-address country of a found LEI), `currency` (the
// cell of CostTotals' currency column); `""` is an empty value, and the fields are what the
// Summary's charts count, so a chart's bar names its rows. Any other text is matched,
// case-insensitively, against every cell of the row. An empty filter keeps all.
// Once `cancel` is set it returns soon, with part of the rows.
std::vector<qint32> filtered(const CsvFile &file, const EnrichmentResults *results,
                             const std::vector<qint32> &rows, const QString &filter,
                             const std::atomic<bool> *cancel = nullptr);

// True when `filter` is a status filter naming a status that exists (for the UI's hints).
bool isStatusFilter(const QString &filter, QString *status = nullptr);

} // namespace RowOrder
