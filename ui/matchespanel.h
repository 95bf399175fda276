#pragma once

#include "matchstage.h"

#include <QWidget>

#include <memory>

class CsvFile;
class EnrichmentResults;
class LeiCache;
class MatchesModel;
class QLabel;
class QPushButton;
class QTreeView;

// The Matches dock: the queries of the last run that a person decides (MatchesModel), with
// Accept (Enter: the selected candidate, the best one when the query is selected) and Reject
// (Delete: none of them). A decision goes into the cache at once (LeiCache::recordDecision; a
// rejection is a decision with an empty LEI, which the run passes over) and the next entry is
// selected; Enrich Again with Decisions re-runs, the accepted rows enriched.
class MatchesPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MatchesPanel)
public:
    explicit MatchesPanel(QWidget *parent = nullptr);
    ~MatchesPanel() override;

    MatchesModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    // What a run is made with: its match columns, and the cache file its decisions are read
    // from (empty: none, decisions cannot be kept).
    void setRun(const MatchColumns &columns, const QString &cachePath);
    // Lists a run's queries to review, marking those decided earlier; false when there are none.
    bool setResults(std::shared_ptr<const EnrichmentResults> results, std::shared_ptr<const CsvFile> file);
    void clear();
    void setEnrichEnabled(bool enabled);

    // Decide the current entry: accept its current candidate (its best when the entry itself is
    // current), or reject them all. False, with the reason shown, when nothing was recorded.
    bool acceptCurrent();
    bool rejectCurrent();

Q_SIGNALS:
    void enrichRequested();
    void rowActivated(qint64 fileRow);

private:
    bool decide(const QString &lei, int entry);
    void selectNextOpen(int after);
    void updateState();
    LeiCache *cache(); // opened when first needed; null (and said) when it cannot be

    MatchesModel *m_model;
    QTreeView *m_view;
    QLabel *m_state;
    QPushButton *m_accept;
    QPushButton *m_reject;
    QPushButton *m_enrich;
    MatchColumns m_columns;
    QString m_cachePath;
    std::unique_ptr<LeiCache> m_cache; // this thread's connection; the run has its own
    QString m_error; // the last decision that could not be kept
};
