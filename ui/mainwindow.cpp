#include "mainwindow.h"

#include "appsettings.h"
#include "cachedialog.h"
#include "costrules.h"
#include "csvfile.h"
#include "csvloader.h"
#include "csvtablemodel.h"
#include "detailspanel.h"
#include "enrichmentjob.h"
#include "exporter.h"
#include "failuresmodel.h"
#include "failurespanel.h"
#include "fieldsdialog.h"
#include "findleisdialog.h"
#include "healthwarnings.h"
#include "lei.h"
#include "leicache.h"
#include "matchespanel.h"
#include "mirrordialog.h"
#include "mirrorstore.h"
#include "mirrorupdater.h"
#include "proxyauthdialog.h"
#include "roworder.h"
#include "settingsdialog.h"
#include "summarypanel.h"
#include "xlsxsheet.h"

#include <QAction>
#include <QClipboard>
#include <QCryptographicHash>
#include <QMap>
#include <QLineEdit>
#include <QSet>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QEventLoop>
#include <QFutureWatcher>
#include <QScreen>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace {
constexpr int kMaxRecentFiles = 10;
const QString kRecentKey = QStringLiteral("recentFiles");
const QString kLastDirKey = QStringLiteral("lastDirectory");
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_loader(new CsvLoader(this))
    , m_model(new CsvTableModel(this))
    , m_view(new QTableView(this))
    , m_job(new EnrichmentJob(this))
{
    QSettings stored;
    m_settings = std::make_unique<AppSettings>(AppSettings::load(stored));

    setWindowTitle(tr("LEI Enricher"));
    setAcceptDrops(true);
    ProxyAuthDialog::installPrompt(this); // a proxy that asks for a password is asked here
    // A stored value that could not be used (a timeout of 0, garbage) was replaced by its default.
    if (!m_settings->ignored.isEmpty())
        statusBar()->showMessage(m_settings->ignored.join(u' '), 30000);

    m_view->setModel(m_model);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setSelectionBehavior(QAbstractItemView::SelectItems);
    // Fixed row heights keep the view fast with millions of rows.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setDefaultSectionSize(140);
    m_view->horizontalHeader()->setResizeContentsPrecision(200);
    // Sorting is done here, not by the view: a million rows are sorted by their keys at once.
    m_view->horizontalHeader()->setSectionsClickable(true);
    m_view->horizontalHeader()->setSortIndicatorShown(false);
    connect(m_view->horizontalHeader(), &QHeaderView::sectionClicked, this, [this](int column) {
        const Qt::SortOrder order = m_sortColumn == column && m_sortOrder == Qt::AscendingOrder
            ? Qt::DescendingOrder
            : Qt::AscendingOrder;
        sortBy(column, order);
    });
    auto *copy = new QAction(tr("&Copy"), m_view);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, &MainWindow::copySelection);
    m_view->addAction(copy);

    m_problemsList = new QListWidget(this);
    m_problemsDock = new QDockWidget(tr("File problems"), this);
    m_problemsDock->setObjectName(QStringLiteral("fileProblemsDock"));
    m_problemsDock->setWidget(m_problemsList);
    addDockWidget(Qt::BottomDockWidgetArea, m_problemsDock);
    m_problemsDock->hide();
    connect(m_problemsList, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        const int row = item->data(Qt::UserRole).toInt();
        if (row < 0 || row >= m_model->rowCount())
            return;
        const QModelIndex index = m_model->index(row, 0);
        m_view->setCurrentIndex(index);
        m_view->scrollTo(index, QAbstractItemView::PositionAtCenter);
    });

    m_statusLabel = new QLabel(tr("Open a CSV file of transactions (File > Open or drop it here)."), this);
    statusBar()->addWidget(m_statusLabel, 1);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(200);
    m_progress->setRange(0, 1000);
    m_progress->hide();
    statusBar()->addPermanentWidget(m_progress);
    m_cancelLoad = new QPushButton(tr("Cancel"), this);
    m_cancelLoad->hide();
    statusBar()->addPermanentWidget(m_cancelLoad);
    connect(m_cancelLoad, &QPushButton::clicked, m_loader, &CsvLoader::cancel);
    m_cancelExport = new QPushButton(tr("Cancel Export"), this);
    m_cancelExport->setObjectName(QStringLiteral("cancelExport"));
    m_cancelExport->hide();
    statusBar()->addPermanentWidget(m_cancelExport);
    connect(m_cancelExport, &QPushButton::clicked, this, &MainWindow::cancelExport);

    // Enrichment progress: a bar, the counts in words, and Cancel, above the table.
    m_enrichPanel = new QWidget(this);
    auto *panelLayout = new QHBoxLayout(m_enrichPanel);
    panelLayout->setContentsMargins(6, 3, 6, 3);
    m_enrichBar = new QProgressBar(m_enrichPanel);
    m_enrichBar->setMaximumWidth(260);
    m_enrichLabel = new QLabel(m_enrichPanel);
    // A long progress line (German, many counts) wraps rather than widening the window past
    // a 1024 px screen.
    m_enrichLabel->setWordWrap(true);
    m_enrichLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    auto *cancel = new QPushButton(tr("&Cancel"), m_enrichPanel);
    connect(cancel, &QPushButton::clicked, this, &MainWindow::cancelEnrichment);
    panelLayout->addWidget(m_enrichBar);
    panelLayout->addWidget(m_enrichLabel, 1);
    panelLayout->addWidget(cancel);
    m_enrichPanel->hide();
    // The open file changed on disk: what the table shows may be wrong; offer to read it again.
    m_changedBar = new QWidget(this);
    m_changedBar->setObjectName(QStringLiteral("fileChangedBar"));
    auto *changedLayout = new QHBoxLayout(m_changedBar);
    changedLayout->setContentsMargins(6, 3, 6, 3);
    m_changedLabel = new QLabel(m_changedBar);
    auto *reload = new QPushButton(tr("Re&load"), m_changedBar);
    reload->setObjectName(QStringLiteral("reloadButton"));
    connect(reload, &QPushButton::clicked, this, [this] {
        if (const auto file = m_model->file())
            openFile(file->path());
    });
    changedLayout->addWidget(m_changedLabel, 1);
    changedLayout->addWidget(reload);
    m_changedBar->hide();
    m_watcher = new QFileSystemWatcher(this);
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, &MainWindow::checkFileChanged);
    auto *central = new QWidget(this);
    auto *centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    centralLayout->addWidget(m_changedBar);
    centralLayout->addWidget(m_enrichPanel);
    centralLayout->addWidget(m_view);
    setCentralWidget(central);

    // Failures: every row that is not ok, grouped by status; activating one shows the row.
    m_failuresPanel = new FailuresPanel(this);
    m_failures = m_failuresPanel->model();
    m_failuresDock = new QDockWidget(tr("Failures"), this);
    m_failuresDock->setObjectName(QStringLiteral("failuresDock"));
    m_failuresDock->setWidget(m_failuresPanel);
    addDockWidget(Qt::BottomDockWidgetArea, m_failuresDock);
    m_failuresDock->hide();
    connect(m_failuresPanel, &FailuresPanel::retryRequested, this, &MainWindow::retryFailed);
    connect(m_failuresPanel, &FailuresPanel::rowActivated, this, &MainWindow::showFileRow);

    // Matches to review after a run that found LEIs by name; beside the failures.
    m_matchesPanel = new MatchesPanel(this);
    m_matchesDock = new QDockWidget(tr("Matches"), this);
    m_matchesDock->setObjectName(QStringLiteral("matchesDock"));
    m_matchesDock->setWidget(m_matchesPanel);
    addDockWidget(Qt::BottomDockWidgetArea, m_matchesDock);
    tabifyDockWidget(m_failuresDock, m_matchesDock);
    m_matchesDock->hide();
    connect(m_matchesPanel, &MatchesPanel::rowActivated, this, &MainWindow::showFileRow);
    connect(m_matchesPanel, &MatchesPanel::enrichRequested, this, &MainWindow::enrich);

    connect(m_job, &EnrichmentJob::progressChanged, this, &MainWindow::onEnrichmentProgress);
    connect(m_job, &EnrichmentJob::rowsUpdated, m_model, &CsvTableModel::extraColumnsChanged);
    connect(m_job, &EnrichmentJob::finished, this, &MainWindow::onEnrichmentFinished);
    connect(m_job, &EnrichmentJob::noticeAdded, this, [this](const QString &warning) {
        statusBar()->showMessage(warning, 15000);
    });
    connect(m_job, &EnrichmentJob::parentsCostKnown, this, &MainWindow::onParentsCostKnown);

    connect(m_loader, &CsvLoader::rowsAvailable, this, &MainWindow::onRowsAvailable);
    connect(m_loader, &CsvLoader::finished, this, &MainWindow::onLoadFinished);
    // An .xlsx input: its first rows showed at once; the whole sheet takes their place, where
    // the user was looking.
    connect(m_loader, &CsvLoader::fileReplaced, this, [this](const std::shared_ptr<CsvFile> &file) {
        const int leiColumn = m_model->leiColumn();
        const int scrolled = m_view->verticalScrollBar()->value();
        m_model->setFile(file);
        m_model->setLeiColumn(leiColumn);
        m_view->verticalScrollBar()->setValue(scrolled);
    });
    connect(m_loader, &CsvLoader::failed, this, [this](const QString &error) {
        QMessageBox::warning(this, tr("Cannot read the whole file"),
                             tr("%1\nThe rows read before the damage are shown.").arg(error));
    });

    // The summary of the last run: charts and a table; a bar or line clicked filters the table.
    m_summaryPanel = new SummaryPanel(this);
    m_summaryDock = new QDockWidget(tr("Summary"), this);
    m_summaryDock->setObjectName(QStringLiteral("summaryDock"));
    m_summaryDock->setWidget(m_summaryPanel);
    addDockWidget(Qt::RightDockWidgetArea, m_summaryDock);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea); // the charts get the window's height
    m_summaryDock->hide();
    connect(m_summaryPanel, &SummaryPanel::filterRequested, this, [this](const QString &filter) {
        if (m_filter->isEnabled())
            m_filter->setText(filter);
    });

    // Details of the selected row's LEI, read when the dock is open.
    m_details = new DetailsPanel(this);
    m_detailsDock = new QDockWidget(tr("Details"), this);
    m_detailsDock->setObjectName(QStringLiteral("detailsDock"));
    m_detailsDock->setWidget(m_details);
    addDockWidget(Qt::RightDockWidgetArea, m_detailsDock);
    m_detailsDock->hide();
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &MainWindow::showDetails);
    connect(m_detailsDock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible)
            showDetails();
    });

    createActions();
    // 1100 x 700, or less on a smaller screen (1024 x 768 leaves room for a panel).
    const QSize room = screen() ? screen()->availableGeometry().size() * 0.95 : QSize(1100, 700);
    resize(QSize(1100, 700).boundedTo(room));
    restoreGeometry(stored.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(stored.value(QStringLiteral("window/state")).toByteArray());
    m_summaryDock->hide(); // nothing to summarise yet, whatever the last session showed
    m_failuresDock->hide();
    m_matchesDock->hide();
    m_problemsDock->hide();
    QTimer::singleShot(0, this, &MainWindow::updateMirrorIfOld);
}

MainWindow::~MainWindow() = default;

void MainWindow::showFileRow(qint64 row)
{
    int viewRow = m_model->viewRow(row);
    if (viewRow < 0 && !m_filter->text().isEmpty()) { // filtered out: show everything again
        m_filter->clear();
        applyRowOrder();
        viewRow = m_model->viewRow(row);
    }
    if (viewRow < 0)
        return;
    const QModelIndex cell = m_model->index(viewRow, qMax(0, m_model->leiColumn()));
    m_view->setCurrentIndex(cell);
    m_view->scrollTo(cell, QAbstractItemView::PositionAtCenter);
    m_view->setFocus();
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open..."), this, &MainWindow::openDialog);
    open->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    rebuildRecentMenu();
    m_exportAction = file->addAction(tr("&Export..."), this, &MainWindow::exportDialog);
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    // Some platforms have no standard key for these: then the usual one.
    quit->setShortcut(QKeySequence::keyBindings(QKeySequence::Quit).value(0, QKeySequence(Qt::CTRL | Qt::Key_Q)));

    QMenu *enrich = menuBar()->addMenu(tr("&Enrich"));
    m_enrichAction = enrich->addAction(tr("&Enrich"), this, &MainWindow::enrich);
    m_enrichAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_enrichAction->setToolTip(tr("Look up every LEI in GLEIF (cache first) and compute the costs"));
    m_cancelAction = enrich->addAction(tr("&Cancel"), this, &MainWindow::cancelEnrichment);
    m_cancelAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_retryAction = enrich->addAction(tr("&Retry Failed Lookups"), this, &MainWindow::retryFailed);
    m_retryAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    enrich->addSeparator();
    m_leiColumnAction = enrich->addAction(tr("LEI &Column..."), this, &MainWindow::changeLeiColumn);
    m_leiColumnAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    enrich->addAction(tr("&Fields..."), this, &MainWindow::showFieldsDialog)
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    m_findLeisAction = enrich->addAction(tr("Find &LEIs..."), this, &MainWindow::findLeis);
    m_findLeisAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    m_findLeisAction->setToolTip(tr("Find the LEI of rows that lack one by name, country or BIC"));

    QMenu *tools = menuBar()->addMenu(tr("&Tools"));
    tools->addAction(tr("&Cache..."), this, &MainWindow::showCacheDialog)
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
    tools->addAction(tr("GLEIF &Data..."), this, &MainWindow::showMirrorDialog)
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G));
    tools->addAction(tr("&Settings..."), this, &MainWindow::showSettingsDialog)
        ->setShortcut(QKeySequence::keyBindings(QKeySequence::Preferences)
                          .value(0, QKeySequence(Qt::CTRL | Qt::Key_Comma)));

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *failures = m_failuresDock->toggleViewAction();
    failures->setText(tr("&Failures"));
    failures->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    view->addAction(failures);
    QAction *summary = m_summaryDock->toggleViewAction();
    summary->setText(tr("&Summary"));
    summary->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    view->addAction(summary);
    QAction *details = m_detailsDock->toggleViewAction();
    details->setText(tr("&Details"));
    details->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_4));
    view->addAction(details);
    QAction *matches = m_matchesDock->toggleViewAction();
    matches->setText(tr("&Matches"));
    matches->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_5));
    view->addAction(matches);
    QAction *problems = m_problemsDock->toggleViewAction();
    problems->setText(tr("File &Problems"));
    problems->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_3));
    view->addAction(problems);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About LEI Enricher"), this, &MainWindow::showAbout)->setShortcut(QKeySequence::HelpContents);

    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar->addAction(open);
    bar->addAction(m_enrichAction);
    bar->addAction(m_cancelAction);
    bar->addAction(m_exportAction);
    bar->addSeparator();
    m_filter = new QLineEdit(bar);
    m_filter->setObjectName(QStringLiteral("filter"));
    m_filter->setPlaceholderText(tr("Filter rows: text, or \"status is not_found\""));
    m_filter->setClearButtonEnabled(true);
    m_filter->setMaximumWidth(360);
    bar->addWidget(m_filter);
    QAction *focusFilter = new QAction(tr("&Filter"), this);
    focusFilter->setShortcut(QKeySequence::Find);
    connect(focusFilter, &QAction::triggered, m_filter, qOverload<>(&QWidget::setFocus));
    addAction(focusFilter);
    m_filterDelay.setSingleShot(true);
    m_filterDelay.setInterval(150);
    connect(m_filter, &QLineEdit::textChanged, this, [this] {
        cancelFilterPass(); // the next pass starts when typing pauses
        m_filterDelay.start();
    });
    m_filterBusy = new QProgressBar(this);
    m_filterBusy->setObjectName(QStringLiteral("filterBusy"));
    m_filterBusy->setRange(0, 0); // busy: how long a pass takes is not known
    m_filterBusy->setMaximumWidth(120);
    m_filterBusy->setFormat(tr("Filtering"));
    m_filterBusy->hide();
    statusBar()->addPermanentWidget(m_filterBusy);
    connect(&m_filterDelay, &QTimer::timeout, this, &MainWindow::applyRowOrder);
    updateActions();
}

void MainWindow::updateActions()
{
    const bool hasFile = m_model->file() && !m_loader->isRunning();
    const bool running = m_job->isRunning();
    m_enrichAction->setEnabled(hasFile && !running && !m_exporting && (m_model->leiColumn() >= 0 || m_match.enabled()));
    m_leiColumnAction->setEnabled(hasFile && !running && !m_exporting);
    m_findLeisAction->setEnabled(hasFile && !running && !m_exporting);
    m_matchesPanel->setEnrichEnabled(m_enrichAction->isEnabled());
    m_cancelAction->setEnabled(running);
    m_retryAction->setEnabled(!running && !m_exporting && m_job->results()
                              && (m_job->results()->countOf(RowStatus::LookupFailed) > 0
                                  || m_job->results()->countOfWarning(HealthWarnings::kParentLookupFailed) > 0));
    m_exportAction->setEnabled(hasFile && !running && !m_exporting);
    m_failuresPanel->setRetryEnabled(m_retryAction->isEnabled());
}

void MainWindow::openDialog()
{
    QSettings settings;
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open transactions"), settings.value(kLastDirKey).toString(),
        tr("Tables (*.csv *.txt *.tsv *.xlsx *.xlsm);;CSV files (*.csv *.txt *.tsv);;Excel workbooks (*.xlsx *.xlsm);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

bool MainWindow::openFile(const QString &path)
{
    QString error;
    CsvOptions options;
    options.addedColumns = EnrichmentResults::columnNames(m_settings->enrichment.fields); // a previous run's, replaced
    if (Xlsx::isWorkbook(path)) { // which sheet, when there are several (the first is proposed)
        const QStringList sheets = Xlsx::sheetNames(path, &error);
        bool ok = true;
        if (sheets.size() > 1)
            options.sheet = QInputDialog::getItem(this, tr("Which sheet?"), tr("%1 has %n sheets. Open:", nullptr, int(sheets.size()))
                                                      .arg(QFileInfo(path).fileName()), sheets, 0, false, &ok);
        if (!ok)
            return false;
    }
    auto file = m_loader->open(path, options, &error);
    if (!file) {
        QMessageBox::warning(this, tr("Cannot open file"), error);
        return false;
    }
    saveColumnWidths(); // of the file being closed
    m_unexported = false; // the job is reset with the new file
    m_columnsFitted = false;
    ++m_generation;
    m_invalidLeis = -1;
    m_job->reset(); // results belong to the file they were made for
    m_sortColumn = -1;
    m_sorted.clear();
    m_view->horizontalHeader()->setSortIndicatorShown(false);
    m_filter->blockSignals(true);
    m_filter->clear();
    m_filter->blockSignals(false);
    cancelFilterPass();
    statusBar()->clearMessage(); // the last file's run summary or filter count is not this file's
    m_failures->clear();
    m_failuresDock->hide();
    m_summaryDock->hide();
    m_match = {};
    m_matchesPanel->clear();
    m_matchesDock->hide();
    m_enrichPanel->hide();
    m_model->setFile(file);
    m_model->setLeiColumn(file->findColumns().size() == 1 ? file->findColumn() : -1); // two: ask
    m_changedBar->hide();
    if (!m_watcher->files().isEmpty())
        m_watcher->removePaths(m_watcher->files());
    m_watcher->addPath(path);
    m_problemsList->clear();
    m_problemsDock->hide();
    const QFileInfo info(path);
    setWindowTitle(tr("%1 \u2014 LEI Enricher").arg(info.fileName()));
    QSettings().setValue(kLastDirKey, info.absolutePath());
    addRecentFile(info.absoluteFilePath());
    m_progress->setValue(0);
    m_progress->show();
    m_cancelLoad->show();
    updateStatus();
    updateActions();
    return true;
}

void MainWindow::fitColumnsOnce()
{
    // Once per file, as soon as there are rows to measure (a small file may be indexed
    // before the first progress report arrives).
    if (m_columnsFitted || m_model->rowCount() == 0)
        return;
    m_columnsFitted = true;
    fitColumns();
}

QString MainWindow::columnWidthsKey() const
{
    // Widths belong to a layout of columns: files with the same header share them.
    const auto &file = m_model->file();
    if (!file)
        return {};
    const QByteArray header = file->header().join(u'\x1f').toUtf8();
    return QStringLiteral("columns/") + QString::fromLatin1(QCryptographicHash::hash(header, QCryptographicHash::Sha1).toHex().left(16));
}

void MainWindow::saveColumnWidths()
{
    const QString key = columnWidthsKey();
    if (key.isEmpty())
        return;
    QVariantList widths;
    const QHeaderView *header = m_view->horizontalHeader();
    for (int c = 0; c < header->count(); ++c)
        widths.append(header->sectionSize(c));
    QSettings().setValue(key, widths);
}

void MainWindow::fitColumns()
{
    const QVariantList saved = QSettings().value(columnWidthsKey()).toList();
    if (!saved.isEmpty()) {
        for (int c = 0; c < saved.size() && c < m_view->horizontalHeader()->count(); ++c)
            m_view->horizontalHeader()->resizeSection(c, saved[c].toInt());
        return;
    }
    // Sized from the first rows only (the header's precision), capped so one long text
    // does not push the other columns out of sight.
    m_view->resizeColumnsToContents();
    QHeaderView *header = m_view->horizontalHeader();
    for (int c = 0; c < header->count(); ++c)
        header->resizeSection(c, qMin(header->sectionSize(c), 240));
}

void MainWindow::onRowsAvailable(qint64, qint64 bytesDone, qint64 bytesTotal)
{
    m_model->refreshRowCount();
    fitColumnsOnce();
    if (bytesTotal > 0)
        m_progress->setValue(int(bytesDone * 1000 / bytesTotal));
    updateStatus();
}

void MainWindow::onLoadFinished(bool complete)
{
    m_model->refreshRowCount();
    fitColumnsOnce();
    m_progress->hide();
    m_cancelLoad->hide();
    if (!complete)
        statusBar()->showMessage(tr("Loading cancelled: showing the rows read so far."), 5000);
    showProblems();
    checkFileChanged();
    if (m_model->leiColumn() < 0 && chooseLeiColumn())
        QTimer::singleShot(0, this, &MainWindow::enrich); // as Find LEIs... does
    countInvalidLeis();
    updateActions();
}

bool MainWindow::chooseLeiColumn(bool fromMenu)
{
    const auto &file = m_model->file();
    if (!file)
        return false;
    const QStringList header = file->header();
    // Names that head more than one column are told apart by their column number.
    QStringList items;
    for (const QString &name : header)
        items.append(file->findColumns(name).size() > 1 ? tr("%1 (column %2)").arg(name).arg(items.size() + 1) : name);
    // Proposed: the column whose first cells are most often valid LEIs (check digits right).
    int proposed = 0;
    int best = 0;
    {
        const qint64 rows = std::min<qint64>(file->rowCount(), 200);
        for (int c = 0; c < int(header.size()); ++c) {
            int valid = 0;
            for (qint64 row = 0; row < rows; ++row)
                valid += Lei::check(Lei::normalise(file->cell(row, c))) == Lei::Check::Ok;
            if (valid > best) {
                best = valid;
                proposed = c;
            }
        }
    }
    if (fromMenu && m_model->leiColumn() >= 0)
        proposed = m_model->leiColumn();
    const QString byName = tr("No LEI column: find LEIs by name...");
    items.append(byName);
    if ((!fromMenu && best == 0 && FindLeisDialog::proposed(header).name >= 0)
        || (fromMenu && m_model->leiColumn() < 0 && m_match.enabled()))
        proposed = int(items.size()) - 1; // no LEIs anywhere, but a column of names
    bool ok = false;
    const QString choice = QInputDialog::getItem(
        this, tr("Which column holds the LEIs?"),
        fromMenu                            ? tr("Choose the column with the counterparty LEIs:")
            : file->findColumns().size() > 1 ? tr("More than one column is named \"lei\". Choose the column with the counterparty LEIs:")
                                             : tr("No column is named \"lei\". Choose the column with the counterparty LEIs:"),
        items, proposed, false, &ok);
    if (ok && choice == byName) {
        if (!chooseMatchColumns())
            return false;
        m_model->setLeiColumn(-1);
        return true;
    }
    if (ok)
        m_model->setLeiColumn(int(items.indexOf(choice)));
    return false;
}

bool MainWindow::chooseMatchColumns()
{
    const auto &file = m_model->file();
    if (!file)
        return false;
    FindLeisDialog dialog(file->header(), m_match, this);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    m_match = dialog.columns();
    updateStatus();
    updateActions();
    return true;
}

void MainWindow::findLeis()
{
    if (!m_job->isRunning() && chooseMatchColumns())
        enrich();
}

void MainWindow::changeLeiColumn()
{
    const int before = m_model->leiColumn();
    if (!m_model->file() || m_job->isRunning())
        return;
    const bool byName = chooseLeiColumn(true);
    if (m_model->leiColumn() == before && !byName)
        return;
    // The results were for the other column's LEIs: gone, as when another file is opened.
    m_job->reset();
    m_model->setExtraColumns(nullptr);
    m_failures->clear();
    m_failuresDock->hide();
    m_summaryDock->hide();
    m_matchesPanel->clear();
    m_matchesDock->hide();
    m_unexported = false;
    countInvalidLeis();
    updateActions();
    if (byName)
        enrich();
}

void MainWindow::countInvalidLeis()
{
    const auto file = m_model->file();
    const int column = m_model->leiColumn();
    if (!file || column < 0) {
        m_invalidLeis = 0;
        updateStatus();
        Q_EMIT fileReady();
        return;
    }
    const quint64 generation = m_generation;
    auto *watcher = new QFutureWatcher<qint64>(this);
    connect(watcher, &QFutureWatcher<qint64>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        m_invalidLeis = watcher->result();
        updateStatus();
        updateActions();
        Q_EMIT fileReady();
    });
    watcher->setFuture(QtConcurrent::run([file, column] { return ::countInvalidLeis(*file, column); }));
}

void MainWindow::checkFileChanged()
{
    const auto &file = m_model->file();
    if (!file || !m_changedBar->isHidden() || !file->hasChanged())
        return;
    m_changedLabel->setText(tr("%1 changed on disk while open: what is shown may no longer be right.")
                                .arg(QDir::toNativeSeparators(file->path())));
    m_changedBar->show();
}

void MainWindow::updateStatus()
{
    const auto &file = m_model->file();
    if (!file)
        return;
    const CsvDialect d = file->dialect();
    const QString lei = m_model->leiColumn() >= 0
        ? file->header().value(m_model->leiColumn())
        : m_match.enabled() ? tr("none (LEIs found by name)") : tr("none");
    QStringList parts;
    parts << tr("%L1 rows").arg(m_model->rowCount()) << tr("%L1 columns").arg(file->columnCount())
          << d.encodingName() << tr("%1-separated").arg(d.delimiterName()) << d.lineEndingName()
          << tr("LEI column: %1").arg(lei);
    if (m_invalidLeis >= 0)
        parts << tr("%L1 invalid LEIs").arg(m_invalidLeis);
    if (file->isComplete() && file->problemCount() > 0)
        parts << tr("%L1 rows with problems").arg(file->problemCount());
    if (!file->encodingNote().isEmpty())
        parts << file->encodingNote();
    if (!file->replacedColumnsNote().isEmpty())
        parts << file->replacedColumnsNote();
    m_statusLabel->setText(parts.join(QStringLiteral("  \u00b7  ")));
}

void MainWindow::showProblems()
{
    const auto &file = m_model->file();
    if (!file || file->problemCount() == 0)
        return;
    for (const CsvProblem &p : file->problems()) {
        auto *item = new QListWidgetItem(p.message(), m_problemsList);
        item->setData(Qt::UserRole, int(p.row));
    }
    if (file->problemCount() > m_problemsList->count())
        new QListWidgetItem(tr("... and %L1 more").arg(file->problemCount() - m_problemsList->count()),
                            m_problemsList);
    m_problemsDock->show();
}

void MainWindow::addRecentFile(const QString &path)
{
    QSettings settings;
    QStringList recent = settings.value(kRecentKey).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecentFiles)
        recent.removeLast();
    settings.setValue(kRecentKey, recent);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(kRecentKey).toStringList();
    for (int i = 0; i < recent.size(); ++i) {
        const QString path = recent[i];
        m_recentMenu->addAction(QStringLiteral("&%1 %2").arg(i + 1).arg(QFileInfo(path).fileName()),
                                this, [this, path] { openFile(path); })
            ->setToolTip(path);
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile()) {
        event->acceptProposedAction();
        openFile(urls.first().toLocalFile());
    }
}

void MainWindow::showDetails()
{
    if (!m_detailsDock->isVisible())
        return;
    const QModelIndex current = m_view->currentIndex();
    const auto file = m_model->file();
    const int column = m_model->leiColumn();
    QString lei;
    if (current.isValid() && file && column >= 0) {
        const qint64 row = m_model->fileRow(current.row());
        if (row >= 0 && row < file->rowCount())
            lei = Lei::normalise(file->cell(row, column));
        if (Lei::check(lei) != Lei::Check::Ok)
            lei.clear();
    }
    m_details->setPaths(m_settings->enrichment.cachePath, m_settings->enrichment.mirrorPath);
    m_details->showLei(lei);
}

void MainWindow::setEnrichmentSettings(const EnrichmentSettings &settings)
{
    m_settings->enrichment = settings;
}

void MainWindow::setSettings(const AppSettings &settings)
{
    *m_settings = settings;
    QSettings stored;
    m_settings->save(stored);
}

void MainWindow::showSettingsDialog()
{
    SettingsDialog dialog(*m_settings, this);
    if (dialog.exec() == QDialog::Accepted)
        setSettings(dialog.settings());
}

void MainWindow::showFieldsDialog()
{
    FieldsDialog dialog(m_settings->enrichment.fields, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    AppSettings changed = *m_settings;
    changed.enrichment.fields = dialog.fields(); // the next Enrich uses them
    setSettings(changed);
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About LEI Enricher"),
        tr("<h3>LEI Enricher %1</h3>"
           "<p>Enriches transaction files with the legal name, BICs and country of each "
           "counterparty's LEI, and computes transaction costs.</p>"
           "<p>Built with Qt %2 (running on Qt %3), SQLite, muParser and libxlsxwriter.</p>"
           "<p>LEI data: Global Legal Entity Identifier Foundation (GLEIF), "
           "<a href=\"https://www.gleif.org\">www.gleif.org</a>, available free of charge "
           "under the CC0 licence.</p>")
            .arg(QStringLiteral(LEI_VERSION), QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion())));
}

bool MainWindow::enrich()
{
    const auto file = m_model->file();
    if (!file || !file->isComplete() || m_job->isRunning())
        return false;
    updateMirrorIfOld();
    if (m_model->leiColumn() < 0 && !m_match.enabled()) {
        chooseLeiColumn();
        if (m_model->leiColumn() < 0 && !m_match.enabled())
            return false;
    }
    QString error;
    std::optional<CostRules> rules = m_settings->rulesPath.isEmpty()
        ? std::optional<CostRules>(CostRules::defaults())
        : CostRules::load(m_settings->rulesPath, &error);
    if (!rules) {
        QMessageBox::warning(this, tr("Cannot enrich"), tr("The cost rules cannot be used: %1").arg(error));
        return false;
    }
    EnrichmentSettings settings = m_settings->enrichment;
    settings.confirmParents = true; // onParentsCostKnown() decides
    if (m_match.enabled())
        settings.match = m_match;
    // Review decisions go to the cache file the run reads them from.
    m_matchesPanel->setRun(settings.match, settings.useCache && !settings.store ? LeiCache::resolvePath(settings.cachePath) : QString());
    if (!m_job->start(file, m_model->leiColumn(), std::move(*rules), settings, &error)) {
        QMessageBox::warning(this, tr("Cannot enrich"), error);
        return false;
    }
    // The user's sort and filter stay; the filter waits for the run's end to judge the added
    // columns again (and the sort, when it is by one of them).
    cancelFilterPass();
    m_filter->setEnabled(false);
    m_model->setExtraColumns(m_job->results());
    m_failures->clear();
    m_enrichBar->setRange(0, 0);
    m_enrichLabel->setText(tr("Checking LEIs..."));
    m_enrichPanel->show();
    updateActions();
    return true;
}

void MainWindow::onParentsCostKnown(const ParentCost &cost)
{
    if (cost.requests <= kAskAboveParentRequests) {
        m_job->approveParents(true);
        return;
    }
    // Asked without blocking: the window stays live, and Cancel still stops the run.
    auto *question = new QMessageBox(QMessageBox::Question, tr("Look up parents?"),
        tr("The parent columns need %Ln request(s) to GLEIF, about %1 at the rate limit (%L2 a minute). "
           "Everything else is already enriched; skipped, the parent columns stay empty.", nullptr, cost.requests)
            .arg(cost.minutes < 1 ? tr("less than a minute") : tr("%L1 minutes").arg(cost.minutes, 0, 'f', 0))
            .arg(m_settings->enrichment.gleif.requestsPerMinute),
        QMessageBox::NoButton, this);
    question->setObjectName(QStringLiteral("parentsQuestion"));
    question->setAttribute(Qt::WA_DeleteOnClose);
    question->addButton(tr("&Look Up Parents"), QMessageBox::AcceptRole);
    question->setDefaultButton(question->addButton(tr("&Skip Parents"), QMessageBox::RejectRole));
    connect(question, &QMessageBox::finished, this, [this, question] {
        const bool go = question->buttonRole(question->clickedButton()) == QMessageBox::AcceptRole;
        m_job->approveParents(go);
    });
    connect(m_job, &EnrichmentJob::finished, question, &QWidget::close); // cancelled meanwhile
    question->open();
}

void MainWindow::cancelEnrichment()
{
    m_job->cancel();
}

bool MainWindow::retryFailed()
{
    if (!m_job->retryFailed())
        return false;
    m_enrichPanel->show();
    updateActions();
    return true;
}

void MainWindow::onEnrichmentProgress(const EnrichmentProgress &p)
{
    if (p.distinct > 0) {
        m_enrichBar->setRange(0, 1000);
        // Lookups and rows both count: the bar is full when every row has its status.
        m_enrichBar->setValue(int(p.rows > 0 ? 1000 * p.rowsDone / p.rows : 0));
    }
    QString left;
    if (p.secondsLeft >= 0)
        left = tr(" \u00b7 about %1 left").arg(p.secondsLeft < 60 ? tr("%1 s").arg(int(p.secondsLeft + 0.5))
                                                                   : tr("%1 min").arg(int(p.secondsLeft / 60 + 0.5)));
    m_enrichLabel->setText(tr("LEIs resolved %L1 of %L2 (from cache %L3, fetched %L4, failed %L5) \u00b7 "
                              "requests %L6 \u00b7 rows %L7 of %L8%9")
                               .arg(p.resolved).arg(p.distinct).arg(p.fromCache).arg(p.fetched)
                               .arg(p.failed).arg(p.requests).arg(p.rowsDone).arg(p.rows).arg(left)
                           + (p.fromMirror > 0 ? tr(" \u00b7 from the GLEIF mirror %L1").arg(p.fromMirror) : QString())
                           + (p.parentsLeft > 0 ? tr(" \u00b7 parents of %L1 LEIs to look up").arg(p.parentsLeft) : QString())
                           + (p.rateLimitWait >= 1 ? tr(" \u00b7 waiting %1 s for GLEIF's rate limit").arg(int(p.rateLimitWait + 0.5))
                                                   : QString()));
}

void MainWindow::onEnrichmentFinished(bool complete)
{
    m_unexported = true; // until exported: quitting asks
    m_enrichPanel->hide();
    m_filter->setEnabled(true);
    if (m_sortColumn >= m_model->fileColumnCount())
        sortBy(m_sortColumn, m_sortOrder); // by an added column: its values are known now
    else if (!m_filter->text().trimmed().isEmpty())
        applyRowOrder(); // statuses and names are known now
    m_model->extraColumnsChanged();
    const auto results = m_job->results();
    checkFileChanged();
    if (m_failuresPanel->setResults(results, m_model->file()) && m_failuresDock->isHidden()) {
        m_failuresDock->show();
        resizeDocks({m_failuresDock}, {qMin(220, height() / 3)}, Qt::Vertical);
    }
    showSummary();
    if (m_matchesPanel->setResults(results, m_model->file()) && m_matchesDock->isHidden()) {
        m_matchesDock->show();
        m_matchesDock->raise();
        resizeDocks({m_matchesDock}, {height() * 2 / 5}, Qt::Vertical); // room for a few entries and their candidates
    }
    const EnrichmentProgress p = m_job->progress();
    QString summary = tr("%1: %L2 of %L3 rows ok, %L4 not ok \u00b7 %L5 distinct LEIs (%L6 from the cache) \u00b7 "
                         "GLEIF requests: %L7 \u00b7 %L8 s")
                          .arg(complete ? tr("Enriched") : tr("Cancelled"))
                          .arg(results->countOf(RowStatus::Ok)).arg(results->rowCount())
                          .arg(results->rowCount() - results->countOf(RowStatus::Ok))
                          .arg(p.distinct).arg(p.fromCache).arg(p.requests).arg(p.seconds, 0, 'f', 1);
    if (p.fromMirror > 0)
        summary += tr(" \u00b7 %L1 LEIs from the GLEIF mirror").arg(p.fromMirror);
    if (const qint64 warned = results->warningRowCount(); warned > 0)
        summary += tr(" \u00b7 %Ln row(s) need attention", nullptr, int(warned));
    if (results->hasMatching())
        summary += tr(" \u00b7 by name: %L1 exact, %L2 accepted, %L3 to review")
                       .arg(results->countOfMatch(Match::Status::Exact)).arg(results->countOfMatch(Match::Status::Accepted))
                       .arg(results->countOfMatch(Match::Status::Probable) + results->countOfMatch(Match::Status::Ambiguous));
    // The run's notices (plain http, cache moved aside...) were shown while it ran; the summary
    // replaces them, so they stay at its end.
    if (const QStringList notices = m_job->notices(); !notices.isEmpty())
        summary += QStringLiteral(" \u00b7 ") + notices.join(QStringLiteral(" \u00b7 "));
    statusBar()->showMessage(summary);
    updateActions();
    Q_EMIT enrichmentFinished(complete);
}

void MainWindow::exportDialog()
{
    const auto file = m_model->file();
    if (!file)
        return;
    // The table is filtered or sorted: say what the export holds, all rows unless asked.
    bool asShown = false;
    if (const std::vector<qint32> *shown = m_model->rowOrder()) {
        QMessageBox which(QMessageBox::Question, tr("Export which rows?"),
                          tr("The table shows %L1 of %L2 rows (filtered or sorted). The export holds all rows "
                             "in the file's order unless you choose the rows as shown.")
                              .arg(qint64(shown->size())).arg(file->rowCount()),
                          QMessageBox::NoButton, this);
        which.setObjectName(QStringLiteral("exportWhichRows"));
        QPushButton *all = which.addButton(tr("&All Rows"), QMessageBox::AcceptRole);
        QPushButton *asShownButton = which.addButton(tr("Rows as &Shown"), QMessageBox::AcceptRole);
        QPushButton *cancel = which.addButton(QMessageBox::Cancel);
        which.setDefaultButton(all);
        which.exec();
        if (which.clickedButton() == cancel || !which.clickedButton())
            return;
        asShown = which.clickedButton() == asShownButton;
    }
    const QString filters = tr("CSV (*.csv);;Excel workbook (*.xlsx)");
    // The input's kind is proposed: XLSX for a workbook.
    QString selected = filters.split(QStringLiteral(";;")).value(Xlsx::isWorkbook(file->path()) ? 1 : 0);
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export enriched table"), Xlsx::enrichedPath(file->path()), filters, &selected);
    if (path.isEmpty())
        return;
    QString target = path;
    if (QFileInfo(target).suffix().isEmpty())
        target += selected.contains(QStringLiteral("xlsx")) ? QStringLiteral(".xlsx") : QStringLiteral(".csv");
    exportTo(target, asShown);
}

void MainWindow::cancelExport()
{
    if (m_exportCancel)
        m_exportCancel->store(true);
}

bool MainWindow::exportTo(const QString &path, bool asShown)
{
    const auto file = m_model->file();
    if (!file || m_exporting)
        return false;
    if (QFileInfo(path).absoluteFilePath() == QFileInfo(file->path()).absoluteFilePath()) {
        QMessageBox::warning(this, tr("Export"), tr("%1: the export would overwrite the input file").arg(path));
        return false;
    }
    m_exporting = true;
    updateActions();
    statusBar()->showMessage(tr("Exporting to %1...").arg(QDir::toNativeSeparators(path)));
    // Off the GUI thread: a million-row XLSX takes a while. The results are not written to
    // while no job runs, and the file is read-only.
    const auto results = !m_job->isRunning() && m_job->file() == file ? m_job->results() : nullptr;
    QStringList notices; // runAway() returns only when the export is done
    Exporter::Options options;
    options.neutraliseInputFormulas = m_settings->neutraliseFormulas;
    options.notices = &notices;
    std::vector<qint32> shown; // a copy: the view may change while the export runs
    if (asShown && m_model->rowOrder()) {
        shown = *m_model->rowOrder();
        options.rows = &shown;
    }
    // Progress in the status bar with a Cancel button; the worker waits for each report to be
    // shown (every block of rows: a few dozen times for a million), so a Cancel clicked meanwhile
    // is seen at the next report, and nothing is written.
    auto cancel = std::make_shared<std::atomic_bool>(false);
    m_exportCancel = cancel;
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->show();
    m_cancelExport->show();
    Exporter::Progress progress;
    progress.cancel = cancel.get();
    progress.progress = [this](qint64 done, qint64 rows) {
        QMetaObject::invokeMethod(this, [this, done, rows] {
            m_progress->setValue(rows > 0 ? int(1000 * done / rows) : 0);
            Q_EMIT exportProgress(done, rows);
        }, Qt::BlockingQueuedConnection);
    };
    const QString error = runAway([file, results, path, options, progress] {
        QString why;
        return Exporter::write(*file, results.get(), path, &why, progress, options) ? QString() : why;
    }, QEventLoop::AllEvents); // the window keeps answering: the actions that would interfere are off
    m_exportCancel.reset();
    m_progress->hide();
    m_cancelExport->hide();
    m_exporting = false;
    updateActions();
    if (!error.isEmpty() && cancel->load()) {
        statusBar()->showMessage(tr("Export cancelled: %1 was not written.").arg(QDir::toNativeSeparators(path)), 10000);
        return false;
    }
    if (!error.isEmpty()) {
        statusBar()->clearMessage();
        checkFileChanged();
        QMessageBox::warning(this, tr("Export failed"), error);
        return false;
    }
    if (notices.isEmpty())
        statusBar()->showMessage(tr("Exported to %1").arg(QDir::toNativeSeparators(path)), 10000);
    else // where the job's notices go too, and longer: it says something about the file
        statusBar()->showMessage(notices.join(u' '), 30000);
    if (results && !options.rows)
        m_unexported = false;
    Q_EMIT exported(path);
    return true;
}

void MainWindow::showSummary()
{
    const auto results = m_job->results();
    const auto file = m_model->file();
    if (!results || !file)
        return;
    m_summaryPanel->setResults(*results, *file, m_failures->warningGroups());
    const bool wasHidden = m_summaryDock->isHidden();
    m_summaryDock->show();
    if (wasHidden) // wide enough for the table's numbers and the charts, the table keeps the rest
        resizeDocks({m_summaryDock}, {qBound(width() * 2 / 5, m_summaryPanel->tableWidth(), width() / 2)}, Qt::Horizontal);
}

QTreeView *MainWindow::failuresView() const
{
    return m_failuresPanel->view();
}

bool MainWindow::canReorder() const
{
    const auto &file = m_model->file();
    return file && file->isComplete() && !m_job->isRunning();
}

void MainWindow::sortBy(int column, Qt::SortOrder order)
{
    if (!canReorder()) {
        statusBar()->showMessage(tr("Sorting is possible once the file is loaded and no enrichment runs."), 5000);
        return;
    }
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const auto file = m_model->file();
    const auto results = m_job->file() == file ? m_job->results() : nullptr;
    m_sorted = runAway([&] { return RowOrder::sorted(*file, results.get(), column, order); });
    m_sortColumn = column;
    m_sortOrder = order;
    m_view->horizontalHeader()->setSortIndicator(column, order);
    m_view->horizontalHeader()->setSortIndicatorShown(true);
    applyRowOrder();
    QApplication::restoreOverrideCursor();
}

void MainWindow::cancelFilterPass()
{
    if (m_filterCancel)
        m_filterCancel->store(true);
    m_filterCancel.reset();
    ++m_filterPass; // whatever a cancelled pass returns is dropped
    m_filterBusy->hide();
}

void MainWindow::setRowOrderKeepingWidths(std::vector<qint32> rows)
{
    const QHeaderView *header = m_view->horizontalHeader();
    QList<int> widths; // a model reset forgets them
    for (int c = 0; c < header->count(); ++c)
        widths.append(header->sectionSize(c));
    if (rows.empty() && m_sorted.empty() && m_filter->text().trimmed().isEmpty())
        m_model->clearRowOrder();
    else
        m_model->setRowOrder(std::move(rows));
    for (int c = 0; c < widths.size() && c < header->count(); ++c)
        m_view->horizontalHeader()->resizeSection(c, widths[c]);
}

void MainWindow::applyRowOrder()
{
    cancelFilterPass();
    if (!canReorder())
        return;
    const QString filter = m_filter->text();
    const auto file = m_model->file();
    if (filter.trimmed().isEmpty()) {
        setRowOrderKeepingWidths(m_sorted); // the sort alone, or the file's order
        if (statusBar()->currentMessage() == m_filterMessage)
            statusBar()->clearMessage(); // no filter: no "Showing" line left behind
        Q_EMIT rowOrderChanged();
        return;
    }
    // On a worker thread, so typing goes on; a million rows take some 0.1-0.4 s.
    const auto results = m_job->file() == file ? m_job->results() : nullptr;
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    m_filterCancel = cancel;
    const quint64 pass = m_filterPass;
    m_filterBusy->show();
    auto *watcher = new QFutureWatcher<std::vector<qint32>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, pass, file] {
        watcher->deleteLater();
        if (pass != m_filterPass || file != m_model->file())
            return; // cancelled, or another pass or file since
        m_filterCancel.reset();
        m_filterBusy->hide();
        setRowOrderKeepingWidths(watcher->result());
        m_filterMessage = tr("Showing %L1 of %L2 rows").arg(m_model->rowCount()).arg(file->rowCount());
        statusBar()->showMessage(m_filterMessage);
        Q_EMIT rowOrderChanged();
    });
    watcher->setFuture(QtConcurrent::run([file, results, sorted = m_sorted, filter, cancel] {
        return RowOrder::filtered(*file, results.get(), sorted, filter, cancel.get());
    }));
}

template <typename F>
auto MainWindow::runAway(F &&work, QEventLoop::ProcessEventsFlags flags) -> decltype(work())
{
    // On a worker thread, with the window still painting, for the second or so a million rows take.
    auto future = QtConcurrent::run(std::forward<F>(work));
    QFutureWatcher<decltype(work())> watcher;
    QEventLoop wait;
    connect(&watcher, &QFutureWatcherBase::finished, &wait, &QEventLoop::quit);
    watcher.setFuture(future);
    if (!future.isFinished())
        wait.exec(flags);
    return future.result();
}

void MainWindow::copySelection()
{
    const QModelIndexList selected = m_view->selectionModel()->selectedIndexes();
    if (selected.isEmpty())
        return;
    int top = INT_MAX, bottom = -1, left = INT_MAX, right = -1;
    for (const QModelIndex &i : selected) {
        top = qMin(top, i.row());
        bottom = qMax(bottom, i.row());
        left = qMin(left, i.column());
        right = qMax(right, i.column());
    }
    if (qint64(bottom - top + 1) * (right - left + 1) > 5'000'000) {
        statusBar()->showMessage(tr("Too many cells to copy; export the table instead."), 5000);
        return;
    }
    // The selection's bounding box, tab-separated; cells outside the selection stay empty.
    QSet<quint64> chosen;
    for (const QModelIndex &i : selected)
        chosen.insert(quint64(i.row()) << 32 | quint64(i.column()));
    QString text;
    for (int r = top; r <= bottom; ++r) {
        for (int c = left; c <= right; ++c) {
            if (c > left)
                text += u'\t';
            if (chosen.contains(quint64(r) << 32 | quint64(c))) {
                // No formula goes to a spreadsheet: GLEIF's text always neutralised, the file's
                // own cells when the setting says so, numbers (the cost) never.
                const QVariant value = m_model->index(r, c).data(Qt::EditRole);
                QString cell = value.toString();
                // The file's own cells: its columns, and a long row's extra fields after the
                // added columns (the model's last columns).
                const bool ownCell = c < m_model->fileColumnCount()
                    || c >= m_model->columnCount() - m_model->overflowColumnCount();
                if (value.typeId() == QMetaType::QString && (!ownCell || m_settings->neutraliseFormulas))
                    cell = Exporter::neutraliseFormula(cell);
                cell.replace(u'\t', u' ').replace(u'\n', u' ').replace(u'\r', u' ');
                text += cell;
            }
        }
        text += u'\n';
    }
    QGuiApplication::clipboard()->setText(text);
}

bool MainWindow::updateMirrorIfOld()
{
    const int hours = m_settings->mirrorUpdateHours;
    if (hours <= 0 || mirrorUpdater()->isRunning())
        return false;
    const QString path = MirrorStore::resolvePath(m_settings->enrichment.mirrorPath);
    QDateTime published;
    {
        MirrorStore store; // no mirror: nothing to keep current (a first download is the user's choice)
        if (!store.open(path))
            return false;
        published = store.publishDate(MirrorFileType::Lei2);
    }
    if (published.isValid() && published.secsTo(QDateTime::currentDateTimeUtc()) < qint64(hours) * 3600)
        return false;
    MirrorUpdater::Settings settings;
    settings.mirrorPath = path;
    settings.network = m_settings->enrichment.gleif;
    statusBar()->showMessage(tr("Updating the GLEIF mirror in the background (older than %n hour(s))...", nullptr, hours));
    m_mirrorUpdater->start(settings); // an enrichment meanwhile reads the mirror as it was until the import is complete
    return true;
}

// One updater for the window and its GLEIF Data dialog: never two writers of the downloads.
MirrorUpdater *MainWindow::mirrorUpdater()
{
    if (!m_mirrorUpdater) {
        m_mirrorUpdater = new MirrorUpdater(this);
        connect(m_mirrorUpdater, &MirrorUpdater::finished, this, [this](MirrorUpdater::Outcome outcome, const QString &error) {
            const bool ok = outcome == MirrorUpdater::Outcome::Updated || outcome == MirrorUpdater::Outcome::UpToDate;
            const QString when = m_mirrorUpdater->goldenCopyDate().toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
            const QString message = outcome == MirrorUpdater::Outcome::Updated    ? tr("GLEIF mirror updated to the Golden Copy of %1.").arg(when)
                                  : outcome == MirrorUpdater::Outcome::UpToDate   ? tr("GLEIF mirror up to date (Golden Copy of %1).").arg(when)
                                  : outcome == MirrorUpdater::Outcome::Cancelled  ? tr("GLEIF mirror update cancelled; the mirror is as it was.")
                                                                                  : tr("GLEIF mirror update failed: %1 The mirror is as it was.").arg(error);
            statusBar()->showMessage(message, ok ? 10000 : 0);
            Q_EMIT mirrorUpdateFinished(ok, message);
        });
    }
    return m_mirrorUpdater;
}

void MainWindow::showMirrorDialog()
{
    MirrorDialog dialog(m_settings->enrichment.mirrorPath, this);
    dialog.setNetwork(m_settings->enrichment.gleif);
    dialog.useUpdater(mirrorUpdater());
    dialog.exec();
}

void MainWindow::showCacheDialog()
{
    LeiCache cache;
    cache.setLifetime(m_settings->enrichment.lifetime);
    cache.setNotFoundLifetime(m_settings->enrichment.notFoundLifetime);
    if (!cache.open(LeiCache::resolvePath(m_settings->enrichment.cachePath))) {
        QMessageBox::warning(this, tr("Cache"), cache.lastError());
        return;
    }
    CacheDialog dialog(&cache, this);
    dialog.exec();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_unexported && m_job->results() && !m_job->isRunning()) {
        QMessageBox question(QMessageBox::Question, tr("Quit without exporting?"),
                             tr("The enriched table of %1 has not been exported. Its GLEIF answers stay in the cache, "
                                "but the computed table is lost on quitting.")
                                 .arg(m_model->file() ? QFileInfo(m_model->file()->path()).fileName() : QString()),
                             QMessageBox::NoButton, this);
        question.setObjectName(QStringLiteral("quitQuestion"));
        QPushButton *exportButton = question.addButton(tr("&Export..."), QMessageBox::AcceptRole);
        question.addButton(tr("&Quit Without Exporting"), QMessageBox::DestructiveRole);
        QPushButton *stay = question.addButton(QMessageBox::Cancel);
        question.setDefaultButton(exportButton);
        question.exec();
        if (question.clickedButton() == stay || !question.clickedButton()) {
            event->ignore();
            return;
        }
        if (question.clickedButton() == exportButton) {
            exportDialog();
            if (m_unexported) { // the export was cancelled or failed: stay
                event->ignore();
                return;
            }
        }
    }
    QSettings stored;
    stored.setValue(QStringLiteral("window/geometry"), saveGeometry());
    stored.setValue(QStringLiteral("window/state"), saveState());
    saveColumnWidths();
    m_job->cancel();
    m_loader->cancel();
    event->accept();
}
