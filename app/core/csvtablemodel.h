#pragma once

#include <QAbstractTableModel>
#include <QCache>
#include <QStringList>

#include "csvdialect.h"

#include <memory>
#include <vector>

class CsvFile;
class ExtraColumns;

// Serves a CsvFile to a view: rows are decoded only when shown, and a few thousand decoded rows
// are kept. Rows appear as the loader publishes them (setAvailableRows).
class CsvTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CsvTableModel)
public:
    enum Role { InvalidLeiRole = Qt::UserRole + 1 };

    explicit CsvTableModel(QObject *parent = nullptr);
    ~CsvTableModel() override;

    void setFile(std::shared_ptr<CsvFile> file);
    const std::shared_ptr<CsvFile> &file() const { return m_file; }
    // Shows the rows published so far; call when the loader reports progress.
    void refreshRowCount();
    // The column whose cells are checked as LEIs (-1: none).
    void setLeiColumn(int column);
    int leiColumn() const { return m_leiColumn; }
    // Columns shown after the file's own; the provider must outlive its use here.
    void setExtraColumns(std::shared_ptr<const ExtraColumns> extra);
    // The extra columns' contents changed (throttled by the caller).
    void extraColumnsChanged();
    // The input's own columns (a previous run's added columns left out; see CsvFile). The
    // columns shown are these, then the extra columns, then one per field past the header that
    // long rows have ("extra 1", ...), as the exports write them.
    int fileColumnCount() const { return int(m_header.size()); }
    int overflowColumnCount() const { return m_overflow; }

    // Shows the file's rows in this order (a sort, a filter, or both); rows not listed are
    // hidden. Only for a completely loaded file.
    void setRowOrder(std::vector<qint32> order);
    void clearRowOrder();
    // The order shown, or null when every row shows in the file's order.
    const std::vector<qint32> *rowOrder() const { return m_ordered ? &m_order : nullptr; }
    int fileRow(int viewRow) const;
    int viewRow(qint64 fileRow) const; // -1 when filtered out

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    const QStringList *cachedRow(int row) const;

    std::shared_ptr<CsvFile> m_file;
    QStringList m_header;
    CsvEncoding m_decodedAs = CsvEncoding::Utf8;
    int m_rows = 0;
    bool m_ordered = false;
    std::vector<qint32> m_order;                // view row -> file row, when ordered
    mutable std::vector<qint32> m_viewRowOf;    // file row -> view row, built on demand
    int m_leiColumn = -1;
    std::shared_ptr<const ExtraColumns> m_extra;
    int m_extraCount = 0;
    int m_fileFields = 0; // the header's fields in the file
    int m_overflow = 0;   // fields past them in the longest row
    mutable QCache<int, QStringList> m_rowCache{4096};
};
