#include "cacheentrymodel.h"

#include <QBrush>
#include <QLocale>

#include <algorithm>

CacheEntryModel::CacheEntryModel(LeiCache *cache, QObject *parent)
    : QAbstractTableModel(parent)
    , m_cache(cache)
{
    m_rows = nextPage();
}

int CacheEntryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CacheEntryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString CacheEntryModel::formatTime(const QDateTime &time) const
{
    return QLocale().toString(time.toLocalTime(), QLocale::ShortFormat);
}

QVariant CacheEntryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CacheEntryInfo &e = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case LeiColumn: return e.lei;
        case LegalNameColumn: return e.legalName;
        case CountryColumn: return e.country;
        case FetchedColumn: return formatTime(e.fetchedAt);
        case ExpiresColumn:
            return e.fresh ? formatTime(e.expiresAt) : tr("expired %1").arg(formatTime(e.expiresAt));
        case OutcomeColumn: return e.outcome == LookupOutcome::Found ? tr("Found") : tr("Not found");
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == ExpiresColumn)
            return e.fresh ? tr("Fresh: used without asking GLEIF") : tr("Expired: fetched again on the next run");
        break;
    case Qt::ForegroundRole:
        if (!e.fresh)
            return QBrush(Qt::gray); // expired rows recede; the text still says so
        break;
    case Qt::UserRole:
        return e.lei;
    default:
        break;
    }
    return {};
}

QVariant CacheEntryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case LeiColumn: return tr("LEI");
    case LegalNameColumn: return tr("Legal name");
    case CountryColumn: return tr("Country");
    case FetchedColumn: return tr("Fetched");
    case ExpiresColumn: return tr("Expires");
    case OutcomeColumn: return tr("Outcome");
    }
    return {};
}

bool CacheEntryModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd;
}

QList<CacheEntryInfo> CacheEntryModel::nextPage()
{
    const QList<CacheEntryInfo> page = m_rows.isEmpty()
        ? m_cache->entries(m_filter, 0, m_pageSize)
        : m_cache->entriesAfter(m_filter, m_rows.constLast().lei, m_pageSize);
    // A short page (or an error) ends the list; reload() starts over.
    m_atEnd = page.size() < m_pageSize;
    return page;
}

void CacheEntryModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_atEnd)
        return;
    const QList<CacheEntryInfo> page = nextPage();
    if (page.isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + page.size() - 1));
    m_rows.append(page);
    endInsertRows();
}

void CacheEntryModel::setFilter(const QString &filter)
{
    m_filter = filter;
    reload();
}

void CacheEntryModel::reload()
{
    // The first page is part of the reset: views get one signal, not a reset and an insert.
    beginResetModel();
    m_rows.clear();
    m_atEnd = false;
    m_rows = nextPage();
    endResetModel();
}

void CacheEntryModel::setPageSize(int rows)
{
    m_pageSize = std::max(1, rows);
}

QString CacheEntryModel::leiAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).lei : QString();
}

qint64 CacheEntryModel::removeEntries(QList<int> rows)
{
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    rows.erase(std::remove_if(rows.begin(), rows.end(), [this](int r) { return r < 0 || r >= m_rows.size(); }),
               rows.end());
    if (rows.isEmpty())
        return 0;
    QStringList leis;
    leis.reserve(rows.size());
    for (int row : rows)
        leis.append(m_rows.at(row).lei);
    const qint64 removed = m_cache->remove(leis);
    if (removed < 0)
        return removed;
    // Contiguous runs from the bottom up, so earlier row numbers stay valid.
    int end = int(rows.size()) - 1;
    while (end >= 0) {
        int start = end;
        while (start > 0 && rows.at(start - 1) == rows.at(start) - 1)
            --start;
        beginRemoveRows({}, rows.at(start), rows.at(end));
        m_rows.remove(rows.at(start), rows.at(end) - rows.at(start) + 1);
        endRemoveRows();
        end = start - 1;
    }
    return removed;
}
