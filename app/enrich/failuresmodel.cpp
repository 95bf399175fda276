#include "failuresmodel.h"

#include "csvfile.h"
#include "healthwarnings.h"

#include <QHash>

#include <algorithm>

namespace {
// Internal ids: 0 for a group; g + 1 for an entry right under group g (a row, or an LEI when the
// group is split by LEI); (l + 1) << 16 | (g + 1) for a row under LEI l of group g. The groups
// are the statuses and warning codes, far fewer than 0xFFFF.
static_assert(sizeof(quintptr) >= 8, "LEI numbers share the internal id with group numbers");
constexpr quintptr kGroupId = 0;
constexpr quintptr kGroupBits = 0xFFFF;
size_t groupIndex(quintptr id) { return size_t((id & kGroupBits) - 1); }
size_t leiIndex(quintptr id) { return size_t((id >> 16) - 1); } // only for ids with an LEI part
bool underLei(quintptr id) { return (id >> 16) != 0; }
}

FailuresModel::FailuresModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

FailuresModel::~FailuresModel() = default;

void FailuresModel::setResults(std::shared_ptr<const EnrichmentResults> results,
                               std::shared_ptr<const CsvFile> file)
{
    beginResetModel();
    m_results = std::move(results);
    m_file = std::move(file);
    m_groups.clear();
    if (m_results) {
        for (RowStatus s : Status::kAll) {
            if (s == RowStatus::Ok || m_results->countOf(s) == 0)
                continue;
            Group g{s, {}, {}, {}};
            g.rows.reserve(size_t(m_results->countOf(s)));
            m_groups.push_back(std::move(g));
        }
        for (qint64 row = 0; row < m_results->rowCount(); ++row) {
            const RowStatus s = m_results->status(row);
            if (s == RowStatus::Ok)
                continue;
            for (Group &g : m_groups)
                if (g.status == s)
                    g.rows.push_back(row);
        }
        addWarningGroups();
        for (Group &g : m_groups)
            if (g.rows.size() > kGroupByLeiAbove)
                splitByLei(g);
    }
    endResetModel();
}

void FailuresModel::splitByLei(Group &group) const
{
    // An LEI is its answer's index; rows without an answer (invalid LEIs) are told apart by
    // the text of their LEI cell.
    QHash<QString, qint64> textIds;
    std::vector<std::pair<qint64, qint64>> keyed; // (LEI, row)
    keyed.reserve(group.rows.size());
    for (qint64 row : group.rows) {
        qint64 key = m_results->answerIndex(row);
        if (key < 0) {
            const QString text = leiOf(row);
            auto it = textIds.constFind(text);
            if (it == textIds.constEnd())
                it = textIds.insert(text, qint64(textIds.size()));
            key = m_results->answerCount() + *it;
        }
        keyed.emplace_back(key, row);
    }
    std::sort(keyed.begin(), keyed.end());
    for (size_t i = 0; i < keyed.size(); ++i) {
        group.rows[i] = keyed[i].second;
        if (i == 0 || keyed[i].first != keyed[i - 1].first)
            group.leis.push_back({qint64(i), 0});
        ++group.leis.back().count;
    }
    std::stable_sort(group.leis.begin(), group.leis.end(),
                     [](const LeiRun &a, const LeiRun &b) { return a.count > b.count; });
}

QString FailuresModel::leiOf(qint64 row) const
{
    if (const LeiAnswer *a = m_results->answer(row))
        return a->lei;
    return m_file && m_results->leiColumn() >= 0 ? m_file->cell(row, m_results->leiColumn()) : QString();
}

QVector<std::pair<QString, qint64>> FailuresModel::warningGroups() const
{
    QVector<std::pair<QString, qint64>> groups;
    for (const Group &g : m_groups)
        if (!g.warning.isEmpty())
            groups.append({g.warning, qint64(g.rows.size())});
    return groups;
}

void FailuresModel::addWarningGroups()
{
    std::vector<Group> groups;
    QHash<QString, size_t> groupOfKey;
    QHash<QString, size_t> groupOfCode; // spares groupOf() per row: codes repeat
    for (qint64 row : m_results->warningRows()) {
        for (const QString &code : m_results->warnings(row)) {
            auto it = groupOfCode.constFind(code);
            if (it == groupOfCode.constEnd()) {
                const QString key = HealthWarnings::groupOf(code);
                auto g = groupOfKey.constFind(key);
                if (g == groupOfKey.constEnd()) {
                    g = groupOfKey.insert(key, groups.size());
                    groups.push_back(Group{RowStatus::Ok, key, {}, {}});
                }
                it = groupOfCode.insert(code, *g);
            }
            std::vector<qint64> &rows = groups[*it].rows;
            if (rows.empty() || rows.back() != row) // two successors of a row: listed once
                rows.push_back(row);
        }
    }
    // The contract's order of health codes, any other status GLEIF may add, then field counts.
    auto rank = [](const QString &code) {
        const qsizetype known = HealthWarnings::allCodes().indexOf(code);
        if (known >= 0)
            return int(known);
        if (code == RowWarning::kExtraFields)
            return 1001;
        if (code == RowWarning::kMissingFields)
            return 1002;
        return 1000;
    };
    std::stable_sort(groups.begin(), groups.end(), [&](const Group &a, const Group &b) {
        const int ra = rank(a.warning), rb = rank(b.warning);
        return ra != rb ? ra < rb : a.warning < b.warning;
    });
    for (Group &g : groups)
        m_groups.push_back(std::move(g));
}

void FailuresModel::clear()
{
    setResults(nullptr, nullptr);
}

qint64 FailuresModel::failureCount() const
{
    qint64 n = 0;
    for (const Group &g : m_groups)
        if (g.warning.isEmpty())
            n += qint64(g.rows.size());
    return n;
}

qint64 FailuresModel::warningCount() const
{
    return m_results ? m_results->warningRowCount() : 0;
}

QModelIndex FailuresModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, kGroupId);
    if (parent.internalId() == kGroupId)
        return createIndex(row, column, quintptr(parent.row() + 1));
    return createIndex(row, column, quintptr(parent.row() + 1) << 16 | parent.internalId());
}

QModelIndex FailuresModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kGroupId)
        return {};
    const quintptr id = child.internalId();
    if (underLei(id))
        return createIndex(int(leiIndex(id)), 0, id & kGroupBits);
    return createIndex(int(groupIndex(id)), 0, kGroupId);
}

int FailuresModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_groups.size());
    if (parent.column() != 0)
        return 0;
    const quintptr id = parent.internalId();
    if (id == kGroupId) {
        const Group &g = m_groups[size_t(parent.row())];
        return int(qMin<size_t>(g.leis.empty() ? g.rows.size() : g.leis.size(), INT_MAX));
    }
    const Group &g = m_groups[groupIndex(id)];
    if (underLei(id) || g.leis.empty())
        return 0; // a row
    return int(qMin<qint64>(g.leis[size_t(parent.row())].count, INT_MAX));
}

int FailuresModel::columnCount(const QModelIndex &) const
{
    return 3;
}

QVariant FailuresModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const quintptr id = index.internalId();
    if (id == kGroupId) {
        const Group &g = m_groups[size_t(index.row())];
        if (role == RowCountRole)
            return qint64(g.rows.size());
        if (!g.warning.isEmpty()) {
            if (role == WarningCodeRole)
                return g.warning;
            if (role == Qt::DisplayRole && index.column() == 0)
                return tr("Needs attention: %1: %L2").arg(g.warning).arg(qint64(g.rows.size()));
            if (role == Qt::ToolTipRole)
                return HealthWarnings::isHealthCode(g.warning) ? HealthWarnings::describe(g.warning)
                                                               : RowWarning::describe(g.warning);
            return {};
        }
        if (role == StatusRole)
            return int(g.status);
        if (role == Qt::DisplayRole && index.column() == 0)
            return tr("%1 (%2): %L3").arg(Status::describe(g.status), Status::code(g.status)).arg(qint64(g.rows.size()));
        return {};
    }
    const Group &g = m_groups[groupIndex(id)];
    if (underLei(id)) {
        const LeiRun &run = g.leis[leiIndex(id)];
        return rowData(g, g.rows[size_t(run.begin + index.row())], index.column(), role);
    }
    if (g.leis.empty())
        return rowData(g, g.rows[size_t(index.row())], index.column(), role);
    // An LEI of a split group: its rows, and the reason when it is the LEI's rather than a row's.
    const LeiRun &run = g.leis[size_t(index.row())];
    const qint64 first = g.rows[size_t(run.begin)];
    const bool reasonOfLei = g.warning.isEmpty()
        ? g.status == RowStatus::InvalidLei || g.status == RowStatus::NotFound || g.status == RowStatus::LookupFailed
        : HealthWarnings::isHealthCode(g.warning);
    switch (role) {
    case RowCountRole:
        return run.count;
    case RowRole: // activating an LEI shows its first row
        return first;
    case Qt::DisplayRole:
        switch (index.column()) {
        case 0: return tr("%Ln row(s)", nullptr, int(qMin<qint64>(run.count, INT_MAX)));
        case 1: return leiOf(first);
        case 2: return reasonOfLei ? rowData(g, first, 2, role) : QVariant();
        }
        return {};
    case Qt::ToolTipRole:
        return reasonOfLei ? rowData(g, first, 2, role) : QVariant();
    }
    return {};
}

QVariant FailuresModel::rowData(const Group &g, qint64 row, int column, int role) const
{
    auto why = [&] {
        if (g.warning.isEmpty())
            return m_results->reason(row);
        QStringList said; // this group's code (successor:LEI names the LEI)
        for (const QString &code : m_results->warnings(row)) {
            if (HealthWarnings::groupOf(code) != g.warning)
                continue;
            said.append(QStringLiteral("%1: %2").arg(code, m_results->describeWarning(row, code, m_file.get())));
        }
        return said.join(QStringLiteral("; "));
    };
    switch (role) {
    case RowRole:
        return row;
    case StatusRole:
        return int(m_results->status(row));
    case WarningsRole:
        return m_results->warnings(row);
    case Qt::DisplayRole:
        switch (column) {
        case 0: return tr("row %L1").arg(row + 1);
        case 1: return leiOf(row);
        case 2: return why();
        }
        return {};
    case Qt::ToolTipRole:
        return why();
    }
    return {};
}

QVariant FailuresModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case 0: return tr("Row");
    case 1: return tr("LEI");
    case 2: return tr("Reason");
    }
    return {};
}
