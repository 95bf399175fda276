#pragma once

#include "enrichmentresults.h"

#include <QAbstractItemModel>
#include <QVector>

#include <memory>
#include <vector>

class CsvFile;

// Every row that is not ok, grouped by status: a group per status with its count, under it
// one entry per row ("row 12 · BFXS… · rate is 0: division by zero"); then a "Needs attention"
// group per row-warning code (LEI health codes in the contract's order, `successor:LEI` under
// `successor`, then `extra_fields`, `missing_fields`) of the rows enriched but to be looked at.
// Rows are listed by number and described only when shown, so a million failures cost 8 bytes
// each. A group of over kGroupByLeiAbove rows lists its LEIs instead (most rows first, each
// with its count), the rows under each: a million rows of one status open as a few LEIs.
class FailuresModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FailuresModel)
public:
    enum Role {
        RowRole = Qt::UserRole + 1,
        StatusRole,
        WarningsRole,   // QStringList of the row's codes
        WarningCodeRole, // on a "Needs attention" group: its code (`successor` for successor:LEI)
        RowCountRole     // qint64, on a group or an LEI: its rows
    };
    static constexpr size_t kGroupByLeiAbove = 1000;

    explicit FailuresModel(QObject *parent = nullptr);
    ~FailuresModel() override;

    // Rebuilds the groups from the results (after a run, a cancel or a retry); `file` is the
    // input they were computed from, for the LEIs as written in rows with no answer.
    void setResults(std::shared_ptr<const EnrichmentResults> results, std::shared_ptr<const CsvFile> file);
    void clear();
    qint64 failureCount() const;
    qint64 warningCount() const; // rows in any "Needs attention" group (each counted once)
    // The "Needs attention" groups in the panel's order: code (`successor` for successor:LEI), rows.
    QVector<std::pair<QString, qint64>> warningGroups() const;

    QModelIndex index(int row, int column, const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct LeiRun // the rows of one LEI: rows[begin, begin + count) of its group
    {
        qint64 begin;
        qint64 count;
    };
    struct Group
    {
        RowStatus status;
        QString warning; // a "Needs attention" group's code; empty for a status
        std::vector<qint64> rows; // ascending; by LEI when `leis` is not empty
        std::vector<LeiRun> leis; // empty: the rows are listed right under the group
    };
    void addWarningGroups();
    void splitByLei(Group &group) const;
    QString leiOf(qint64 row) const;
    QVariant rowData(const Group &group, qint64 row, int column, int role) const;

    std::shared_ptr<const EnrichmentResults> m_results;
    std::shared_ptr<const CsvFile> m_file;
    std::vector<Group> m_groups;
};
