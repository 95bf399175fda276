#pragma once

#include "matchstage.h"

#include <atomic>

#include <QEventLoop>
#include <QMainWindow>
#include <QTimer>

#include <memory>
#include <vector>

class CsvFile;
class CsvLoader;
class CsvTableModel;
class DetailsPanel;
class EnrichmentJob;
class FailuresModel;
class FailuresPanel;
class MatchesPanel;
class SummaryPanel;
class MirrorUpdater;
class QAction;
class QLineEdit;
class QTreeView;
struct AppSettings;
struct EnrichmentProgress;
struct EnrichmentSettings;
struct ParentCost;
class QDockWidget;
class QFileSystemWatcher;
class QLabel;
class QListWidget;
class QMenu;
class QProgressBar;
class QPushButton;
class QTableView;

class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    DetailsPanel *detailsPanel() const { return m_details; }
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a CSV; errors are shown to the user. Returns false when the file cannot be read.
    bool openFile(const QString &path);

    CsvTableModel *tableModel() const { return m_model; }
    QTableView *tableView() const { return m_view; }
    qint64 invalidLeiCount() const { return m_invalidLeis; }

    // Starts enriching the open file with the current settings; false (with a message shown)
    // when it cannot start.
    bool enrich();
    void cancelEnrichment();
    bool retryFailed();
    // Writes CSV or XLSX by suffix; errors are shown. Returns false when nothing was written.
    // `asShown`: the rows the table shows, filtered and sorted; else every row in the file's order.
    bool exportTo(const QString &path, bool asShown = false);
    // Stops the export under way: nothing is written, the previous file (if any) stays.
    void cancelExport();
    EnrichmentJob *job() const { return m_job; }
    FailuresModel *failuresModel() const { return m_failures; }
    // Sorts the table by a column (also a header click); filters with the filter box's text.
    void sortBy(int column, Qt::SortOrder order);
    void applyRowOrder();
    QLineEdit *filterBox() const { return m_filter; }
    void copySelection();
    QTreeView *failuresView() const;
    SummaryPanel *summaryPanel() const { return m_summaryPanel; }
    MatchesPanel *matchesPanel() const { return m_matchesPanel; }
    // Enrich > Find LEIs...: asks for the name, country and BIC columns (kept for the open file), then enriches.
    void findLeis();
    // The settings in force (loaded from QSettings at start, changed in the Settings dialog).
    const AppSettings &settings() const { return *m_settings; }
    void setSettings(const AppSettings &settings); // applies and saves them
    // For tests and benchmarks: the enrichment part only, not saved.
    void setEnrichmentSettings(const EnrichmentSettings &settings);
    // Settings' "update the GLEIF mirror when older than N hours": starts an update in the
    // background when an existing mirror is older (at start and before an Enrich). True if started.
    bool updateMirrorIfOld();

Q_SIGNALS:
    // The file is indexed and its LEIs checked (tests and status updates wait on this).
    void fileReady();
    // An enrichment ended (complete or cancelled); the table and failures panel are updated.
    void enrichmentFinished(bool complete);
    void exported(const QString &path);
    void rowOrderChanged();
    // An export's progress (rows written of rows), as the status bar shows it.
    void exportProgress(qint64 done, qint64 rows);
    void mirrorUpdateFinished(bool ok, const QString &message); // also said in the status bar

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void openDialog();
    void onRowsAvailable(qint64 rows, qint64 bytesDone, qint64 bytesTotal);
    void onLoadFinished(bool complete);
    // True when the user chose to find LEIs by name instead (and set the columns).
    bool chooseLeiColumn(bool fromMenu = false);
    bool chooseMatchColumns(); // the Find LEIs dialog; true when accepted
    void showFileRow(qint64 row); // selects the row in the table (failures, matches)
    void changeLeiColumn();
    void showDetails(); // the selected row's LEI in the Details dock, when it is open // Enrich > LEI Column...: another column, the results gone
    void fitColumns();
    void fitColumnsOnce();
    void countInvalidLeis();
    // Offers to reload when the open file changed on disk (or a read found it cut short).
    void checkFileChanged();
    void updateStatus();
    void addRecentFile(const QString &path);
    void rebuildRecentMenu();
    void showProblems();
    void onEnrichmentProgress(const EnrichmentProgress &p);
    // Parent lookups over this many requests are asked about first (the figure).
    static constexpr int kAskAboveParentRequests = 100;
    void onParentsCostKnown(const ParentCost &cost);
    void onEnrichmentFinished(bool complete);
    void exportDialog();
    void showCacheDialog();
    void showMirrorDialog();
    MirrorUpdater *mirrorUpdater();
    void showSettingsDialog();
    void showFieldsDialog();
    void showAbout();
    void updateActions();
    bool canReorder() const;
    void showSummary();
    QString columnWidthsKey() const;
    void saveColumnWidths();
    // Runs `work` on a worker thread while this thread's event loop goes on (the window
    // paints), and returns its result.
    template <typename F>
    auto runAway(F &&work, QEventLoop::ProcessEventsFlags flags = QEventLoop::ExcludeUserInputEvents)
        -> decltype(work());

    CsvLoader *m_loader = nullptr;
    CsvTableModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QMenu *m_recentMenu = nullptr;
    QLabel *m_statusLabel = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancelLoad = nullptr;
    QListWidget *m_problemsList = nullptr;
    QDockWidget *m_problemsDock = nullptr;
    EnrichmentJob *m_job = nullptr;
    std::unique_ptr<AppSettings> m_settings;
    MirrorUpdater *m_mirrorUpdater = nullptr; // the background update, made when first needed
    FailuresModel *m_failures = nullptr; // m_failuresPanel's
    FailuresPanel *m_failuresPanel = nullptr;
    QDockWidget *m_failuresDock = nullptr;
    QWidget *m_enrichPanel = nullptr;
    QWidget *m_changedBar = nullptr;
    QLabel *m_changedLabel = nullptr;
    QFileSystemWatcher *m_watcher = nullptr;
    QProgressBar *m_enrichBar = nullptr;
    QLabel *m_enrichLabel = nullptr;
    QAction *m_enrichAction = nullptr;
    QAction *m_cancelAction = nullptr;
    QAction *m_retryAction = nullptr;
    QAction *m_exportAction = nullptr;
    bool m_exporting = false;
    QPushButton *m_cancelExport = nullptr;
    std::shared_ptr<std::atomic_bool> m_exportCancel; // of the export under way

    QLineEdit *m_filter = nullptr;
    QAction *m_leiColumnAction = nullptr;
    bool m_unexported = false; // an enrichment's table not exported since it finished
    SummaryPanel *m_summaryPanel = nullptr;
    QDockWidget *m_summaryDock = nullptr;
    QDockWidget *m_detailsDock = nullptr;
    DetailsPanel *m_details = nullptr;
    MatchesPanel *m_matchesPanel = nullptr;
    QDockWidget *m_matchesDock = nullptr;
    QAction *m_findLeisAction = nullptr;
    MatchColumns m_match; // the open file's Find LEIs choice (name -1: none)
    QTimer m_filterDelay;
    // The text filter runs on a worker thread; a keystroke cancels the pass under way.
    QProgressBar *m_filterBusy = nullptr;
    std::shared_ptr<std::atomic<bool>> m_filterCancel; // of the pass under way, if any
    quint64 m_filterPass = 0;
    QString m_filterMessage; // the status bar's "Showing N of M rows", while it is there
    void cancelFilterPass();
    void setRowOrderKeepingWidths(std::vector<qint32> rows);
    std::vector<qint32> m_sorted; // all rows in the chosen sort order; empty when unsorted
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    bool m_columnsFitted = false;
    qint64 m_invalidLeis = -1;
    quint64 m_generation = 0; // tells stale background results apart from the open file's
};
