#include "mainwindow.h"

#include "csvfile.h"
#include "csvloader.h"
#include "csvtablemodel.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>
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
{
    setWindowTitle(tr("LEI Enricher"));
    setAcceptDrops(true);

    m_view->setModel(m_model);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setSelectionBehavior(QAbstractItemView::SelectItems);
    // Fixed row heights keep the view fast with millions of rows.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setDefaultSectionSize(140);
    m_view->horizontalHeader()->setResizeContentsPrecision(200);
    setCentralWidget(m_view);

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

    connect(m_loader, &CsvLoader::rowsAvailable, this, &MainWindow::onRowsAvailable);
    connect(m_loader, &CsvLoader::finished, this, &MainWindow::onLoadFinished);

    createActions();
    resize(1100, 700);
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open..."), this, &MainWindow::openDialog);
    open->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    rebuildRecentMenu();
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *problems = m_problemsDock->toggleViewAction();
    problems->setText(tr("File &Problems"));
    view->addAction(problems);
}

void MainWindow::openDialog()
{
    QSettings settings;
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open transactions"), settings.value(kLastDirKey).toString(),
        tr("CSV files (*.csv *.txt *.tsv);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

bool MainWindow::openFile(const QString &path)
{
    QString error;
    ++m_generation;
    m_invalidLeis = -1;
    auto file = m_loader->open(path, {}, &error);
    if (!file) {
        QMessageBox::warning(this, tr("Cannot open file"), error);
        return false;
    }
    m_model->setFile(file);
    m_model->setLeiColumn(file->findColumn());
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
    return true;
}

void MainWindow::fitColumns()
{
    // Sized from the first rows only (the header's precision), capped so one long text
    // does not push the other columns out of sight.
    m_view->resizeColumnsToContents();
    QHeaderView *header = m_view->horizontalHeader();
    for (int c = 0; c < header->count(); ++c)
        header->resizeSection(c, qMin(header->sectionSize(c), 320));
}

bool MainWindow::isLoading() const
{
    return m_loader->isRunning() || m_invalidLeis < 0;
}

void MainWindow::onRowsAvailable(qint64, qint64 bytesDone, qint64 bytesTotal)
{
    const bool firstRows = m_model->rowCount() == 0;
    m_model->refreshRowCount();
    if (firstRows && m_model->rowCount() > 0)
        fitColumns();
    if (bytesTotal > 0)
        m_progress->setValue(int(bytesDone * 1000 / bytesTotal));
    updateStatus();
}

void MainWindow::onLoadFinished(bool complete)
{
    const bool firstRows = m_model->rowCount() == 0;
    m_model->refreshRowCount();
    if (firstRows)
        fitColumns();
    m_progress->hide();
    m_cancelLoad->hide();
    if (!complete)
        statusBar()->showMessage(tr("Loading cancelled: showing the rows read so far."), 5000);
    showProblems();
    if (m_model->leiColumn() < 0)
        chooseLeiColumn();
    countInvalidLeis();
}

void MainWindow::chooseLeiColumn()
{
    const auto &file = m_model->file();
    if (!file)
        return;
    const QStringList header = file->header();
    bool ok = false;
    const QString choice = QInputDialog::getItem(
        this, tr("Which column holds the LEIs?"),
        tr("No column is named \"lei\". Choose the column with the counterparty LEIs:"), header, 0,
        false, &ok);
    if (ok)
        m_model->setLeiColumn(int(header.indexOf(choice)));
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
        Q_EMIT fileReady();
    });
    watcher->setFuture(QtConcurrent::run([file, column] { return ::countInvalidLeis(*file, column); }));
}

void MainWindow::updateStatus()
{
    const auto &file = m_model->file();
    if (!file)
        return;
    const CsvDialect d = file->dialect();
    const QString lei = m_model->leiColumn() >= 0
        ? file->header().value(m_model->leiColumn())
        : tr("none");
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

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_loader->cancel();
    event->accept();
}
