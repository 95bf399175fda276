#include "csvtablemodel.h"

#include "csvfile.h"
#include "extracolumns.h"
#include "lei.h"

#include <QColor>

namespace {
// A view cannot show a 10 MB field usefully, and laying it out would freeze it.
constexpr int kMaxDisplayChars = 1000;
}

CsvTableModel::CsvTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

CsvTableModel::~CsvTableModel() = default;

void CsvTableModel::setFile(std::shared_ptr<CsvFile> file)
{
    beginResetModel();
    m_file = std::move(file);
    m_rowCache.clear();
    m_header = m_file ? m_file->header() : QStringList();
    m_decodedAs = m_file ? m_file->textEncoding() : CsvEncoding::Utf8;
    m_rows = m_file ? int(qMin<qint64>(m_file->rowCount(), INT_MAX)) : 0;
    m_leiColumn = -1;
    m_ordered = false;
    m_order.clear();
    m_viewRowOf.clear();
    m_extra.reset();
    m_extraCount = 0;
    m_fileFields = m_file ? m_file->fileColumnCount() : 0;
    m_overflow = m_file ? m_file->maxFieldCount() - m_fileFields : 0;
    endResetModel();
}

void CsvTableModel::refreshRowCount()
{
    if (!m_file)
        return;
    const int rows = int(qMin<qint64>(m_file->rowCount(), INT_MAX));
    if (rows > m_rows) {
        beginInsertRows(QModelIndex(), m_rows, rows - 1);
        m_rows = rows;
        endInsertRows();
    }
    if (const int overflow = m_file->maxFieldCount() - m_fileFields; overflow > m_overflow) {
        beginInsertColumns(QModelIndex(), columnCount(), columnCount() + overflow - m_overflow - 1);
        m_overflow = overflow;
        endInsertColumns();
    }
    // The encoding may be settled only once the whole file is read (Windows-1252 fallback):
    // rows decoded before then are decoded again.
    if (m_file->isComplete() && m_file->textEncoding() != m_decodedAs) {
        m_decodedAs = m_file->textEncoding();
        m_header = m_file->header();
        m_rowCache.clear();
        Q_EMIT headerDataChanged(Qt::Horizontal, 0, columnCount() - 1);
        if (rowCount() > 0)
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
    }
}

void CsvTableModel::setExtraColumns(std::shared_ptr<const ExtraColumns> extra)
{
    const int count = extra ? extra->extraColumnCount() : 0;
    const int base = fileColumnCount();
    if (m_extraCount > 0) {
        beginRemoveColumns(QModelIndex(), base, base + m_extraCount - 1);
        m_extra.reset();
        m_extraCount = 0;
        endRemoveColumns();
    }
    if (count > 0) {
        beginInsertColumns(QModelIndex(), base, base + count - 1);
        m_extra = std::move(extra);
        m_extraCount = count;
        endInsertColumns();
    }
}

void CsvTableModel::extraColumnsChanged()
{
    if (m_extraCount > 0 && rowCount() > 0)
        Q_EMIT dataChanged(index(0, fileColumnCount()), index(rowCount() - 1, columnCount() - 1));
}

void CsvTableModel::setRowOrder(std::vector<qint32> order)
{
    const bool sameCount = m_ordered && order.size() == m_order.size();
    if (sameCount)
        Q_EMIT layoutAboutToBeChanged();
    else
        beginResetModel();
    m_order = std::move(order);
    m_ordered = true;
    m_viewRowOf.clear();
    if (sameCount)
        Q_EMIT layoutChanged();
    else
        endResetModel();
}

void CsvTableModel::clearRowOrder()
{
    if (!m_ordered)
        return;
    beginResetModel();
    m_ordered = false;
    m_order.clear();
    m_viewRowOf.clear();
    endResetModel();
}

int CsvTableModel::fileRow(int viewRow) const
{
    return m_ordered ? m_order[size_t(viewRow)] : viewRow;
}

int CsvTableModel::viewRow(qint64 fileRow) const
{
    if (!m_ordered)
        return fileRow < m_rows ? int(fileRow) : -1;
    if (m_viewRowOf.empty()) { // built on first use: navigation is rare, sorting is not
        m_viewRowOf.assign(size_t(m_rows), -1);
        for (size_t v = 0; v < m_order.size(); ++v)
            m_viewRowOf[size_t(m_order[v])] = qint32(v);
    }
    return fileRow >= 0 && fileRow < qint64(m_viewRowOf.size()) ? m_viewRowOf[size_t(fileRow)] : -1;
}

void CsvTableModel::setLeiColumn(int column)
{
    if (column == m_leiColumn)
        return;
    m_leiColumn = column;
    if (rowCount() > 0 && columnCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

int CsvTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : (m_ordered ? int(m_order.size()) : m_rows);
}

int CsvTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_header.size()) + m_extraCount + m_overflow;
}

const QStringList *CsvTableModel::cachedRow(int row) const
{
    if (QStringList *cached = m_rowCache.object(row))
        return cached;
    auto *fields = new QStringList(m_file->row(row));
    m_rowCache.insert(row, fields);
    return fields;
}

QVariant CsvTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int column = index.column();
    const int row = fileRow(index.row());
    int field = column;
    if (column >= fileColumnCount()) {
        const int past = column - fileColumnCount();
        if (past < m_extraCount)
            return m_extra->extraData(row, past, role);
        field = m_fileFields + past - m_extraCount; // a long row's extra field
    }
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
    case Qt::ToolTipRole:
    case Qt::BackgroundRole:
    case InvalidLeiRole:
        break;
    default:
        return {};
    }
    const QStringList *fields = cachedRow(row);
    const QString text = field < fields->size() ? fields->at(field) : QString();
    if (role == Qt::DisplayRole) {
        return text.size() > kMaxDisplayChars ? text.left(kMaxDisplayChars) + QChar(0x2026)
                                              : text;
    }
    if (role == Qt::EditRole)
        return text;

    if (column != m_leiColumn)
        return role == Qt::BackgroundRole && m_extra ? m_extra->rowBackground(row) : QVariant();
    const Lei::Check check = Lei::check(Lei::normalise(text));
    if (check == Lei::Check::Ok)
        return role == Qt::BackgroundRole && m_extra ? m_extra->rowBackground(row) : QVariant();
    switch (role) {
    case Qt::ToolTipRole:
        return Lei::describe(check);
    case Qt::BackgroundRole:
        return QColor(0xF8, 0xD7, 0xDA);
    case InvalidLeiRole:
        return true;
    }
    return {};
}

QVariant CsvTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return fileRow(section) + 1; // the row's number in the file, however sorted
    if (section >= fileColumnCount() + m_extraCount && section < columnCount())
        return tr("extra %1").arg(section - fileColumnCount() - m_extraCount + 1);
    if (section >= fileColumnCount() && section < columnCount())
        return m_extra->extraHeader(section - fileColumnCount());
    return section >= 0 && section < m_header.size() ? QVariant(m_header[section]) : QVariant();
}
