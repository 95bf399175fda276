#include "failuresmodel.h"

#include "csvfile.h"
#include "healthwarnings.h"

#include <QHash>

#include <algorithm>

namespace {
// Internal ids: 0 for a group, group + 1 for the rows under it.
constexpr quintptr kGroupId = 0;
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
            Group g{s, {}, {}};
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
    }
    endResetModel();
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
                    groups.push_back(Group{RowStatus::Ok, key, {}});
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
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex FailuresModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kGroupId)
        return {};
    return createIndex(int(child.internalId() - 1), 0, kGroupId);
}

int FailuresModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_groups.size());
    if (parent.internalId() == kGroupId && parent.column() == 0)
        return int(qMin<size_t>(m_groups[size_t(parent.row())].rows.size(), INT_MAX));
    return 0;
}

int FailuresModel::columnCount(const QModelIndex &) const
{
    return 3;
}

QVariant FailuresModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == kGroupId) {
        const Group &g = m_groups[size_t(index.row())];
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
    const Group &g = m_groups[size_t(index.internalId() - 1)];
    const qint64 row = g.rows[size_t(index.row())];
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
        switch (index.column()) {
        case 0: return tr("row %L1").arg(row + 1);
        case 1:
            if (const LeiAnswer *a = m_results->answer(row))
                return a->lei;
            return m_file && m_results->leiColumn() >= 0 ? m_file->cell(row, m_results->leiColumn()) : QString();
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
