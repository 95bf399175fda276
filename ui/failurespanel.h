#pragma once

#include <QWidget>

#include <memory>

class CsvFile;
class EnrichmentResults;
class FailuresModel;
class QPushButton;
class QTreeView;

// The Failures dock's contents: every row that is not ok, grouped by status (and by LEI when a
// status has many rows, FailuresModel), with Retry Failed Lookups below.
class FailuresPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FailuresPanel)
public:
    explicit FailuresPanel(QWidget *parent = nullptr);

    FailuresModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    // Shows a run's failures and warnings, the groups open; false when there is nothing to show.
    bool setResults(std::shared_ptr<const EnrichmentResults> results, std::shared_ptr<const CsvFile> file);
    void clear();
    void setRetryEnabled(bool enabled);

Q_SIGNALS:
    void rowActivated(qint64 fileRow); // an entry (a row, or an LEI's first row) was activated
    void retryRequested();

private:
    FailuresModel *m_model;
    QTreeView *m_view;
    QPushButton *m_retry;
};
