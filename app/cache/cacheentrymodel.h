#pragma once

#include "leicache.h"

#include <QAbstractTableModel>
#include <QList>
#include <QString>

// The cache's entries for a view, loaded a page at a time as the view scrolls (canFetchMore /
// fetchMore with key paging), so a cache of a million entries opens as fast as an empty one.
class CacheEntryModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { LeiColumn, LegalNameColumn, CountryColumn, FetchedColumn, ExpiresColumn, OutcomeColumn, ColumnCount };
    static constexpr int DefaultPageSize = 256;

    // The cache is not owned and must outlive the model.
    explicit CacheEntryModel(LeiCache *cache, QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(CacheEntryModel)

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    QString filter() const { return m_filter; }
    // Substring of the LEI or legal name; starts again from the first page.
    void setFilter(const QString &filter);
    // Reloads from the first page (after purge or clear, or to see new answers).
    void reload();
    void setPageSize(int rows);

    QString leiAt(int row) const;
    // Deletes these rows' entries from the cache and from the model; keeps the other loaded
    // rows (and so the view's scroll position). Returns how many went, or -1 on error.
    qint64 removeEntries(QList<int> rows);

private:
    QString formatTime(const QDateTime &time) const;
    QList<CacheEntryInfo> nextPage();

    LeiCache *m_cache;
    QString m_filter;
    QList<CacheEntryInfo> m_rows;
    int m_pageSize = DefaultPageSize;
    bool m_atEnd = false;
};
