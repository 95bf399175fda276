#include "enrichmentresults.h"

#include "csvfile.h"
#include "healthwarnings.h"
#include "matchstage.h"
#include "numberformat.h"

#include <QBrush>
#include <QColor>
#include <QCoreApplication>
#include <QLocale>

#include <algorithm>

namespace Status {

QString code(RowStatus status)
{
    switch (status) {
    case RowStatus::Pending: return QStringLiteral("pending");
    case RowStatus::Ok: return QStringLiteral("ok");
    case RowStatus::InvalidLei: return QStringLiteral("invalid_lei");
    case RowStatus::NotFound: return QStringLiteral("not_found");
    case RowStatus::LookupFailed: return QStringLiteral("lookup_failed");
    case RowStatus::BadNumber: return QStringLiteral("bad_number");
    }
    return {};
}

QString describe(RowStatus status)
{
    switch (status) {
    case RowStatus::Pending: return QCoreApplication::translate("Status", "Not looked up yet");
    case RowStatus::Ok: return QCoreApplication::translate("Status", "Enriched");
    case RowStatus::InvalidLei: return QCoreApplication::translate("Status", "Invalid LEI");
    case RowStatus::NotFound: return QCoreApplication::translate("Status", "Not found in GLEIF");
    case RowStatus::LookupFailed: return QCoreApplication::translate("Status", "Lookup failed");
    case RowStatus::BadNumber: return QCoreApplication::translate("Status", "Cost not computable");
    }
    return {};
}

} // namespace Status

namespace RowWarning {

QString describe(const QString &code)
{
    if (code == kExtraFields)
        return QCoreApplication::translate("Status", "more fields than the header: the extra fields follow the added columns");
    if (code == kMissingFields)
        return QCoreApplication::translate("Status", "fewer fields than the header: the missing fields are left empty");
    return code;
}

QString describe(const QString &code, const CsvFile &file, qint64 row)
{
    if (code != kExtraFields && code != kMissingFields)
        return describe(code);
    // Counted outside the calls: lupdate 6.4 loops forever on a template argument in them.
    const int fields = file.rowFieldCount(row);
    const int header = file.fileColumnCount();
    if (code == kExtraFields)
        return QCoreApplication::translate("Status", "row has %n fields, the header %1: the extra fields follow the added columns",
                                           nullptr, fields)
            .arg(header);
    return QCoreApplication::translate("Status", "row has %n fields, the header %1: the missing fields are left empty",
                                       nullptr, fields)
        .arg(header);
}

} // namespace RowWarning

QStringList EnrichmentResults::columnNames(const QVector<Fields::Id> &fields, bool matching)
{
    QStringList names;
    for (Fields::Id id : fields)
        names << Fields::name(id);
    names << QStringLiteral("transaction_costs") << QStringLiteral("enrichment_status");
    if (matching)
        names << QStringLiteral("matched_lei") << QStringLiteral("match_score") << QStringLiteral("match_status")
              << QStringLiteral("match_candidates");
    return names;
}

const Match::Result *EnrichmentResults::match(qint64 row) const
{
    if (!m_matching || row < 0 || row >= qint64(m_rowMatch.size()) || m_rowMatch[size_t(row)] < 0)
        return nullptr;
    return &m_matches[m_rowMatch[size_t(row)]];
}

qint64 EnrichmentResults::countOfMatch(Match::Status status) const
{
    qint64 n = 0;
    for (qint32 index : m_rowMatch)
        n += index >= 0 && m_matches[index].status == status;
    return n;
}

const LeiAnswer *EnrichmentResults::answer(qint64 row) const
{
    const qint32 index = m_rowLei[size_t(row)];
    return index < 0 ? nullptr : &m_answers[size_t(index)];
}

QString EnrichmentResults::reason(qint64 row) const
{
    switch (status(row)) {
    case RowStatus::Ok:
    case RowStatus::Pending:
        return {};
    case RowStatus::InvalidLei:
    case RowStatus::BadNumber:
        return m_rowReason.value(row);
    case RowStatus::NotFound:
        return QCoreApplication::translate("Status", "GLEIF has no record of this LEI");
    case RowStatus::LookupFailed:
        if (const LeiAnswer *a = answer(row))
            return a->reason;
        return {};
    }
    return {};
}

QString EnrichmentResults::field(qint64 row, int column) const
{
    const RowStatus s = status(row);
    const LeiAnswer *a = answer(row);
    const bool found = a && a->state == LeiAnswer::State::Found;
    if (column >= 0 && column < fieldCount())
        return found ? a->values.value(column) : QString();
    if (column == costColumn())
        return s == RowStatus::Ok ? Number::shortest(cost(row)) : QString();
    if (column == statusColumn())
        return Status::code(s);
    const Match::Result *m = column > statusColumn() ? match(row) : nullptr;
    if (!m)
        return {};
    switch (column - matchColumn()) {
    case 0: // filled for exact, probable and accepted only
        return m->status == Match::Status::Exact || m->status == Match::Status::Probable
                || m->status == Match::Status::Accepted ? m->lei : QString();
    case 1:
        return m->status == Match::Status::Exact ? QStringLiteral("100")
            : m->score >= 0                       ? QString::number(m->score)
                                                  : QString();
    case 2:
        return MatchStage::statusCode(m->status);
    case 3: {
        QStringList candidates;
        for (const Match::Candidate &c : m->candidates.first(std::min<qsizetype>(3, m->candidates.size())))
            candidates << c.entity.lei + u':' + QString::number(c.score);
        return candidates.join(u';');
    }
    }
    return {};
}

QStringList EnrichmentResults::fields(qint64 row) const
{
    QStringList out;
    for (int c = 0, n = extraColumnCount(); c < n; ++c)
        out.append(field(row, c));
    return out;
}

qint64 EnrichmentResults::countOf(RowStatus status) const
{
    return m_statusCounts[size_t(status)];
}

QStringList EnrichmentResults::warnings(qint64 row) const
{
    QStringList codes;
    auto it = std::lower_bound(m_warnings.begin(), m_warnings.end(), Warning{row, -1});
    for (; it != m_warnings.end() && it->row == row; ++it)
        codes.append(m_warningCodes[it->code]);
    return codes;
}

bool EnrichmentResults::hasWarnings(qint64 row) const
{
    const auto it = std::lower_bound(m_warnings.begin(), m_warnings.end(), Warning{row, -1});
    return it != m_warnings.end() && it->row == row;
}

std::vector<qint64> EnrichmentResults::warningRows() const
{
    std::vector<qint64> rows;
    rows.reserve(size_t(m_warningRows));
    for (const Warning &w : m_warnings)
        if (rows.empty() || rows.back() != w.row)
            rows.push_back(w.row);
    return rows;
}

qint64 EnrichmentResults::countOfWarning(const QString &code) const
{
    const qint32 index = qint32(m_warningCodes.indexOf(code));
    return index < 0 ? 0 : std::count_if(m_warnings.begin(), m_warnings.end(), [index](const Warning &w) { return w.code == index; });
}

void EnrichmentResults::addWarning(qint64 row, const QString &code)
{
    qint32 index = qint32(m_warningCodes.indexOf(code));
    if (index < 0) {
        index = qint32(m_warningCodes.size());
        m_warningCodes.append(code);
    }
    const Warning w{row, index};
    // Usually appended in row order; anything else is inserted in place.
    auto at = m_warnings.empty() || m_warnings.back() < w ? m_warnings.end()
                                                          : std::lower_bound(m_warnings.begin(), m_warnings.end(), w);
    if (at != m_warnings.end() && at->row == row && at->code == index)
        return;
    if (!hasWarnings(row))
        ++m_warningRows;
    m_warnings.insert(at, w);
}

void EnrichmentResults::addFieldCountWarnings(const CsvFile &file)
{
    // Both lists ascend: merged, every warning is appended in row order (no insertions).
    const std::vector<qint64> &longRows = file.longRows(), &shortRows = file.shortRows();
    auto l = longRows.begin(), s = shortRows.begin();
    while (l != longRows.end() || s != shortRows.end()) {
        const bool isLong = s == shortRows.end() || (l != longRows.end() && *l < *s);
        const qint64 row = isLong ? *l++ : *s++;
        if (row < rowCount())
            addWarning(row, isLong ? RowWarning::kExtraFields : RowWarning::kMissingFields);
    }
}

QVariant EnrichmentResults::extraData(qint64 row, int column, int role) const
{
    if (row < 0 || row >= rowCount())
        return {};
    const RowStatus s = status(row);
    switch (role) {
    case Qt::DisplayRole:
        // Amounts as people read them (grouped, two decimals); the exact value is the tooltip
        // and the edit role, which sorting uses.
        if (column == costColumn() && s == RowStatus::Ok)
            return QLocale().toString(cost(row), 'f', 2);
        return field(row, column);
    case Qt::EditRole:
        if (column == costColumn() && s == RowStatus::Ok)
            return cost(row);
        return field(row, column);
    case Qt::TextAlignmentRole:
        if (column == costColumn())
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (column == costColumn() && s == RowStatus::Ok)
            return field(row, column);
        if (s != RowStatus::Ok && s != RowStatus::Pending)
            return reason(row);
        if (const LeiAnswer *a = answer(row); a && a->stale)
            return QCoreApplication::translate("Status", "From an expired cache entry: %1").arg(a->reason);
        if (hasWarnings(row)) {
            QStringList said;
            for (const QString &code : warnings(row))
                said.append(describeWarning(row, code));
            return said.join(QLatin1Char('\n'));
        }
        return {};
    case Qt::BackgroundRole:
        return rowBackground(row);
    }
    return {};
}

QString EnrichmentResults::describeWarning(qint64 row, const QString &code, const CsvFile *file) const
{
    if (!HealthWarnings::isHealthCode(code))
        return file ? RowWarning::describe(code, *file, row) : RowWarning::describe(code);
    const QString said = HealthWarnings::describe(code);
    const LeiAnswer *a = answer(row);
    if (code == HealthWarnings::kParentLookupFailed && a && !a->parentFailure.isEmpty())
        return QStringLiteral("%1: %2").arg(said, a->parentFailure);
    return said;
}

QVariant EnrichmentResults::rowBackground(qint64 row) const
{
    if (row < 0 || row >= rowCount())
        return {};
    switch (status(row)) {
    case RowStatus::InvalidLei: return QBrush(QColor(0xF8, 0xD7, 0xDA));
    case RowStatus::NotFound: return QBrush(QColor(0xFF, 0xE8, 0xCC));
    case RowStatus::LookupFailed: return QBrush(QColor(0xF5, 0xC6, 0xCB));
    case RowStatus::BadNumber: return QBrush(QColor(0xFF, 0xF3, 0xCD));
    default: return {};
    }
}
