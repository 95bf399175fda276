#pragma once

#include "enrichmentresults.h"

#include <QAbstractItemModel>

#include <memory>
#include <vector>

class CsvFile;

// Every row that is not ok, grouped by status: a group per status with its count, under it
// one entry per row ("row 12 · BFXS… · rate is 0: division by zero"); then a "Needs attention"
// group of the rows with warnings (enriched, but e.g. with fewer or more fields than the
// header). Rows are listed by number and described only when shown, so a million failures
// cost 8 bytes each.
class FailuresModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FailuresModel)
public:
    enum Role { RowRole = Qt::UserRole + 1, StatusRole, WarningsRole /* QStringList of codes */ };

    explicit FailuresModel(QObject *parent = nullptr);
    ~FailuresModel() override;

    // Rebuilds the groups from the results (after a run, a cancel or a retry); `file` is the
    // input they were computed from, for the LEIs as written in rows with no answer.
    void setResults(std::shared_ptr<const EnrichmentResults> results, std::shared_ptr<const CsvFile> file);
    void clear();
    qint64 failureCount() const;
    qint64 warningCount() const; // rows in the "Needs attention" group

    QModelIndex index(int row, int column, const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Group
    {
        RowStatus status;
        bool warnings; // the "Needs attention" group, not a status
        std::vector<qint64> rows;
    };
    std::shared_ptr<const EnrichmentResults> m_results;
    std::shared_ptr<const CsvFile> m_file;
    std::vector<Group> m_groups;
};
