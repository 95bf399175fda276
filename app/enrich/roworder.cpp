#include "roworder.h"

#include "costtotals.h"
#include "csvfile.h"
#include "enrichmentresults.h"
#include "healthwarnings.h"
#include "numberformat.h"

#include <QRegularExpression>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <array>
#include <cstring>
#include <deque>
#include <numeric>
#include <optional>

namespace RowOrder {
namespace {

int compareFolded(QByteArrayView a, QByteArrayView b)
{
    const qsizetype n = qMin(a.size(), b.size());
    for (qsizetype i = 0; i < n; ++i) {
        uchar x = uchar(a[i]), y = uchar(b[i]);
        if (x >= 'A' && x <= 'Z')
            x += 32;
        if (y >= 'A' && y <= 'Z')
            y += 32;
        if (x != y)
            return x < y ? -1 : 1;
    }
    return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

std::vector<qint32> identity(qint64 rows)
{
    std::vector<qint32> order(static_cast<size_t>(rows));
    std::iota(order.begin(), order.end(), 0);
    return order;
}

} // namespace

std::vector<qint32> sorted(const CsvFile &file, const EnrichmentResults *results, int column,
                           Qt::SortOrder order)
{
    const qint64 rows = file.rowCount();
    std::vector<qint32> index = identity(rows);
    const int fileColumns = file.columnCount();
    const bool enriched = column >= fileColumns;
    if (enriched && (!results || results->rowCount() != rows))
        return index; // nothing to sort by yet

    // Text keys: views into the file where the field was not quoted, owned bytes otherwise.
    std::vector<QByteArrayView> text(static_cast<size_t>(rows));
    std::deque<QByteArray> owned;
    std::vector<double> numbers(static_cast<size_t>(rows));
    std::vector<quint8> kind(static_cast<size_t>(rows)); // 0 empty, 1 number, 2 text
    bool allNumbers = true;
    QByteArray scratch;
    for (qint64 r = 0; r < rows; ++r) {
        QByteArrayView key;
        if (!enriched) {
            key = file.rawField(r, column, &scratch);
            if (!scratch.isEmpty() && key.data() == scratch.constData()) {
                owned.push_back(scratch);
                key = owned.back();
                scratch.clear();
            }
        } else if (column - fileColumns == 3) { // transaction_costs: a number or nothing
            if (results->hasCost(r)) {
                numbers[size_t(r)] = results->cost(r);
                kind[size_t(r)] = 1;
            }
            continue;
        } else {
            owned.push_back(results->field(r, column - fileColumns).toUtf8());
            key = owned.back();
        }
        if ((r & 0xFFFF) == 0xFFFF)
            file.releaseRows(r - 0xFFFF, r + 1);
        if (key.trimmed().isEmpty())
            continue;
        text[size_t(r)] = key;
        if (Number::parse(key, &numbers[size_t(r)]))
            kind[size_t(r)] = 1;
        else {
            kind[size_t(r)] = 2;
            allNumbers = false;
        }
    }

    const bool descending = order == Qt::DescendingOrder;
    auto less = [&](qint32 a, qint32 b) {
        const quint8 ka = kind[size_t(a)], kb = kind[size_t(b)];
        if ((ka == 0) != (kb == 0))
            return kb == 0; // empty cells last, whatever the direction
        if (ka == 0)
            return false;
        if (allNumbers) {
            const double x = numbers[size_t(a)], y = numbers[size_t(b)];
            return descending ? y < x : x < y;
        }
        const int c = compareFolded(text[size_t(a)], text[size_t(b)]);
        return descending ? c > 0 : c < 0;
    };
    std::stable_sort(index.begin(), index.end(), less);
    return index;
}

namespace {

// The clauses of a field filter; an unset clause keeps every row.
struct Clauses
{
    std::optional<RowStatus> status;
    std::optional<QString> warning, country, currency;
};

bool parseClauses(const QString &filter, Clauses *out)
{
    static const QRegularExpression andPattern(QStringLiteral(R"(\s+and\s+)"), QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression clausePattern(
        QStringLiteral(R"re(^\s*(status|warning|country|currency)\s*(?:is|:|=)\s*(?:"([^"]*)"|(\S+))\s*$)re"),
        QRegularExpression::CaseInsensitiveOption);
    Clauses clauses;
    for (const QString &part : filter.split(andPattern)) {
        const auto match = clausePattern.match(part);
        if (!match.hasMatch())
            return false;
        const QString field = match.captured(1).toLower();
        const QString value = match.hasCaptured(2) ? match.captured(2) : match.captured(3);
        if (field == u"status") {
            const auto known = std::find_if(std::begin(Status::kAll), std::end(Status::kAll),
                                            [&](RowStatus s) { return Status::code(s) == value.toLower(); });
            if (known == std::end(Status::kAll))
                return false; // "status is foo" is searched for as text
            clauses.status = *known;
        } else if (field == u"warning") {
            clauses.warning = value;
        } else if (field == u"country") {
            clauses.country = value;
        } else {
            clauses.currency = value;
        }
    }
    *out = clauses;
    return true;
}

} // namespace

bool isStatusFilter(const QString &filter, QString *status)
{
    static const QRegularExpression pattern(QStringLiteral(R"(^\s*status\s*(?:is|:|=)\s*(\w+)\s*$)"),
                                            QRegularExpression::CaseInsensitiveOption);
    const auto match = pattern.match(filter);
    if (!match.hasMatch())
        return false;
    const QString wanted = match.captured(1).toLower();
    for (RowStatus s : Status::kAll) {
        if (Status::code(s) == wanted) {
            if (status)
                *status = wanted;
            return true;
        }
    }
    return false;
}

std::vector<qint32> filtered(const CsvFile &file, const EnrichmentResults *results,
                             const std::vector<qint32> &rows, const QString &filter,
                             const std::atomic<bool> *cancel)
{
    const bool allRows = rows.empty();
    const qint64 total = allRows ? file.rowCount() : qint64(rows.size());
    std::vector<qint32> out;
    auto rowAt = [&](qint64 i) { return allRows ? qint32(i) : rows[size_t(i)]; };
    if (filter.trimmed().isEmpty()) {
        out.reserve(size_t(total));
        for (qint64 i = 0; i < total; ++i)
            out.push_back(rowAt(i));
        return out;
    }

    Clauses clauses;
    if (parseClauses(filter, &clauses)) {
        const int currencyColumn = clauses.currency ? CostTotals::findCurrencyColumn(file.header()) : -1;
        auto keep = [&](qint32 r) {
            const bool known = results && r < results->rowCount();
            if (clauses.status && (known ? results->status(r) : RowStatus::Pending) != *clauses.status)
                return false;
            if (clauses.warning) {
                const QStringList codes = known ? results->warnings(r) : QStringList();
                if (std::none_of(codes.begin(), codes.end(),
                                 [&](const QString &code) { return HealthWarnings::groupOf(code) == *clauses.warning; }))
                    return false;
            }
            if (clauses.country) {
                const LeiAnswer *answer = known ? results->answer(r) : nullptr;
                const QString country = answer && answer->state == LeiAnswer::State::Found ? answer->country : QString();
                if (country.compare(*clauses.country, Qt::CaseInsensitive) != 0)
                    return false;
            }
            // As CostTotals reads it: trimmed, any case; no currency column is an empty currency.
            if (clauses.currency
                && (currencyColumn >= 0 ? file.cell(r, currencyColumn).trimmed() : QString())
                           .compare(*clauses.currency, Qt::CaseInsensitive) != 0)
                return false;
            return true;
        };
        for (qint64 i = 0; i < total; ++i) {
            const qint32 r = rowAt(i);
            if (keep(r))
                out.push_back(r);
        }
        return out;
    }

    // Text: the row's bytes are searched as they are (ASCII case folded) when the needle is
    // ASCII and the file UTF-8; otherwise each row is decoded. The added columns are judged once
    // per distinct answer and per status, not per row; only a needle that could be part of a
    // number is looked for in each row's cost.
    const QString needle = filter.trimmed();
    const QByteArray needleBytes = needle.toUtf8().toLower();
    bool ascii = file.textEncoding() == CsvEncoding::Utf8;
    for (QChar c : needle)
        ascii = ascii && c.unicode() < 0x80;
    auto containsFolded = [&](QByteArrayView hay) {
        const qsizetype n = needleBytes.size();
        const char first = needleBytes[0];
        const char firstUpper = (first >= 'a' && first <= 'z') ? char(first - 32) : first;
        for (qsizetype i = 0; i + n <= hay.size(); ++i) {
            if (hay[i] != first && hay[i] != firstUpper)
                continue;
            if (compareFolded(hay.sliced(i, n), needleBytes) == 0)
                return true;
        }
        return false;
    };
    std::vector<char> answerMatches;
    std::array<char, std::size(Status::kAll)> statusMatches{}; // by RowStatus value, as the exporter's texts
    bool costMayMatch = false;
    if (results) {
        answerMatches.resize(size_t(results->answerCount()));
        for (qint64 i = 0; i < results->answerCount(); ++i) {
            const LeiAnswer &a = results->answerAt(i);
            answerMatches[size_t(i)] = a.state == LeiAnswer::State::Found
                && a.values.join(u'\x1f').contains(needle, Qt::CaseInsensitive);
        }
        for (RowStatus s : Status::kAll)
            statusMatches[size_t(s)] = Status::code(s).contains(needle, Qt::CaseInsensitive);
        static const QRegularExpression numberPart(QStringLiteral("^[0-9eE.+-]+$"));
        costMayMatch = numberPart.match(needle).hasMatch();
    }
    auto addedMatch = [&](qint32 r) {
        if (!results || r >= results->rowCount())
            return false;
        const RowStatus s = results->status(r);
        if (statusMatches[size_t(s)])
            return true;
        if (s == RowStatus::Ok && costMayMatch) { // the cost as the table writes it, no allocation
            char cost[48];
            if (containsFolded(QByteArrayView(cost, Number::shortest(results->cost(r), cost))))
                return true;
        }
        const qint32 a = results->answerIndex(r);
        return a >= 0 && answerMatches[size_t(a)];
    };
    // Two halves on two threads: reading a million rows is what takes the time.
    auto part = [&](qint64 from, qint64 to) {
        std::vector<qint32> found;
        for (qint64 i = from; i < to; ++i) {
            if ((i & 0x3FFF) == 0 && cancel && cancel->load(std::memory_order_relaxed))
                return found;
            const qint32 r = rowAt(i);
            if (addedMatch(r) || (ascii ? containsFolded(file.rawRow(r))
                                        : file.row(r).join(u'\x1f').contains(needle, Qt::CaseInsensitive)))
                found.push_back(r);
        }
        return found;
    };
    if (total < 100000)
        return part(0, total);
    auto second = QtConcurrent::run(part, total / 2, total);
    out = part(0, total / 2);
    const std::vector<qint32> rest = second.result();
    out.insert(out.end(), rest.begin(), rest.end());
    return out;
}

} // namespace RowOrder
