#include "mirrordialog.h"

#include "mirrorstore.h"
#include "mirrorupdater.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace {

struct StatusRead
{
    bool exists = false;
    QString error;
    MirrorStatus status;
};

QString age(const QDateTime &published)
{
    const qint64 minutes = published.secsTo(QDateTime::currentDateTimeUtc()) / 60;
    if (minutes < 60)
        return MirrorDialog::tr("%n minute(s)", nullptr, int(std::max<qint64>(minutes, 0)));
    if (minutes < 48 * 60)
        return MirrorDialog::tr("%n hour(s)", nullptr, int(minutes / 60));
    return MirrorDialog::tr("%n day(s)", nullptr, int(minutes / (24 * 60)));
}

} // namespace

MirrorDialog::MirrorDialog(const QString &mirrorPath, QWidget *parent)
    : QDialog(parent)
    , m_path(MirrorStore::resolvePath(mirrorPath))
{
    setWindowTitle(tr("GLEIF Data"));
    setMinimumWidth(560);
    m_pathLabel = new QLabel(tr("Mirror file: %1").arg(QDir::toNativeSeparators(m_path)), this);
    m_pathLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_pathLabel->setWordWrap(true);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("mirrorStatus"));
    m_status->setWordWrap(true);
    // The text arrives after the dialog is laid out (read on a worker thread): room for it.
    m_status->setMinimumHeight(m_status->fontMetrics().lineSpacing() * 5);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("mirrorProgress"));
    m_progressLabel = new QLabel(this);
    m_progressLabel->setObjectName(QStringLiteral("mirrorProgressText"));
    m_progress->hide();
    m_progressLabel->hide();
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("mirrorError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #a00;"));
    m_error->hide();
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("mirrorNote"));
    m_note->setWordWrap(true);
    m_note->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_updateButton = buttons->addButton(tr("&Update Now"), QDialogButtonBox::ActionRole);
    m_importButton = buttons->addButton(tr("&Import Files..."), QDialogButtonBox::ActionRole);
    m_removeButton = buttons->addButton(tr("&Remove"), QDialogButtonBox::ActionRole);
    m_cancelButton = buttons->addButton(tr("Cancel Import"), QDialogButtonBox::ActionRole);
    m_cancelButton->hide();
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_updateButton, &QPushButton::clicked, this, &MirrorDialog::updateNow);
    connect(m_importButton, &QPushButton::clicked, this, &MirrorDialog::chooseFiles);
    connect(m_removeButton, &QPushButton::clicked, this, [this] { removeMirror(false); });
    connect(m_cancelButton, &QPushButton::clicked, this, &MirrorDialog::cancel);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pathLabel);
    layout->addWidget(m_status);
    layout->addWidget(m_progress);
    layout->addWidget(m_progressLabel);
    layout->addWidget(m_error);
    layout->addWidget(m_note);
    layout->addStretch();
    layout->addWidget(buttons);
    useUpdater(new MirrorUpdater(this));
    refresh();
}

void MirrorDialog::useUpdater(MirrorUpdater *updater)
{
    if (m_updater) {
        m_updater->disconnect(this);
        if (m_updater->parent() == this)
            delete m_updater;
    }
    m_updater = updater;
    connect(updater, &MirrorUpdater::phaseChanged, this, [this](MirrorUpdater::Phase phase, int file, int files, const QString &what) {
        switch (phase) {
        case MirrorUpdater::Phase::Checking:
            m_phase = tr("Asking GLEIF what is published...");
            break;
        case MirrorUpdater::Phase::Downloading:
            m_phase = tr("Downloading the %1 (%2 of %3)").arg(what).arg(file).arg(files);
            break;
        case MirrorUpdater::Phase::Importing:
            m_phase = tr("Importing %n file(s)", nullptr, files);
            break;
        }
        m_downloading = phase == MirrorUpdater::Phase::Downloading;
        m_progress->setRange(0, 0);
        m_progressLabel->setText(m_phase);
    });
    connect(updater, &MirrorUpdater::progress, this, [this](qint64 bytes, qint64 total, qint64 records, double rate) {
        showProgressText(m_phase, bytes, total, m_downloading ? -1 : records, rate);
    });
    connect(updater, &MirrorUpdater::finished, this, [this](MirrorUpdater::Outcome outcome, const QString &error) {
        setBusy(false);
        const auto when = [](const QDateTime &d) { return d.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")); };
        switch (outcome) {
        case MirrorUpdater::Outcome::Updated:
            m_note->setText(tr("Updated to the Golden Copy of %1.").arg(when(m_updater->goldenCopyDate())));
            break;
        case MirrorUpdater::Outcome::UpToDate:
            m_note->setText(tr("Up to date: the Golden Copy of %1 and the BIC map of %2 are the latest published.")
                                .arg(when(m_updater->goldenCopyDate()), when(m_updater->bicMapDate())));
            break;
        case MirrorUpdater::Outcome::Failed:
            m_error->setText(tr("Update failed: %1 The mirror is as it was before.").arg(error));
            break;
        case MirrorUpdater::Outcome::Cancelled:
            m_error->setText(tr("Update cancelled. The mirror is as it was before; what was downloaded is kept for the next update."));
            break;
        }
        const bool ok = outcome == MirrorUpdater::Outcome::Updated || outcome == MirrorUpdater::Outcome::UpToDate;
        m_note->setVisible(ok);
        m_error->setVisible(!ok);
        refresh();
        Q_EMIT updateFinished(ok, ok ? QString() : m_error->text());
    });

    if (updater->isRunning()) { // started by the window in the background: shown here, Cancel stops it
        m_phase = tr("Updating the mirror...");
        m_downloading = false;
        setBusy(true);
        m_cancelButton->setText(tr("Cancel Update"));
        m_progress->setRange(0, 0);
        m_progressLabel->setText(m_phase);
    }
}

MirrorDialog::~MirrorDialog()
{
    m_updater->disconnect(this);
    if (m_updater->parent() == this)
        delete m_updater; // cancels and waits; the old mirror stays
    m_cancel = true;
    m_work.waitForFinished(); // the import cleans up after itself; the old mirror stays
}

QString MirrorDialog::statusText() const
{
    return m_status->text();
}

QString MirrorDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QString MirrorDialog::noteText() const
{
    return m_note->isHidden() ? QString() : m_note->text();
}

void MirrorDialog::refresh()
{
    m_status->setText(tr("Reading the mirror..."));
    auto *watcher = new QFutureWatcher<StatusRead>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        const StatusRead read = watcher->result();
        m_removeButton->setEnabled(read.exists && !m_busy);
        if (!read.exists) {
            m_status->setText(read.error.isEmpty()
                    ? tr("No GLEIF mirror yet. Update Now downloads GLEIF's Golden Copy (about 500 MB) and imports it; "
                         "or import the files (LEI records, relationships, reporting exceptions, BIC map) downloaded "
                         "from gleif.org by hand.")
                    : tr("The mirror cannot be read: %1").arg(read.error));
            Q_EMIT statusShown();
            return;
        }
        const QLocale locale;
        const MirrorStatus &s = read.status;
        const QDateTime lei2 = s.publishDates.value(MirrorFileType::Lei2);
        QStringList dates;
        const std::pair<MirrorFileType, QString> kinds[] = {
            {MirrorFileType::Lei2, tr("LEI records")}, {MirrorFileType::Relationships, tr("relationships")},
            {MirrorFileType::Exceptions, tr("reporting exceptions")}, {MirrorFileType::BicMap, tr("BIC map")}};
        for (const auto &[type, name] : kinds) {
            const QDateTime d = s.publishDates.value(type);
            dates << (d.isValid() ? tr("%1 %2").arg(name, d.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")))
                                  : tr("%1 never imported").arg(name));
        }
        m_status->setText(tr("Published: %1.\nAge: %2.\n%L3 entities, %L4 relationships, %L5 reporting exceptions, "
                             "%L6 BICs; %7 on disk.")
                              .arg(dates.join(QStringLiteral("; ")), lei2.isValid() ? age(lei2) : tr("unknown"))
                              .arg(s.records).arg(s.relationships).arg(s.exceptions).arg(s.bics)
                              .arg(locale.formattedDataSize(s.sizeOnDisk)));
        Q_EMIT statusShown();
    });
    watcher->setFuture(QtConcurrent::run([path = m_path] {
        StatusRead read;
        if (!QFileInfo::exists(path))
            return read;
        MirrorStore store;
        read.exists = true;
        if (!store.open(path))
            read.error = store.error();
        else
            read.status = store.status(); // counts the records: seconds for the whole register
        return read;
    }));
}

void MirrorDialog::chooseFiles()
{
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Import GLEIF Files"), QString(),
        tr("Golden Copy and BIC map files (*.zip *.csv);;All files (*)"));
    if (!paths.isEmpty())
        importFiles(paths);
}

void MirrorDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_importButton->setEnabled(!busy);
    m_updateButton->setEnabled(!busy);
    m_removeButton->setEnabled(!busy && QFileInfo::exists(m_path));
    m_cancelButton->setVisible(busy);
    m_progress->setVisible(busy);
    m_progressLabel->setVisible(busy);
}

void MirrorDialog::importFiles(const QStringList &paths)
{
    if (m_busy || paths.isEmpty())
        return;
    m_cancel = false;
    m_error->hide();
    m_note->hide();
    setBusy(true);
    m_cancelButton->setText(tr("Cancel Import"));
    m_progress->setRange(0, 0);
    m_progressLabel->setText(tr("Starting the import..."));
    m_importClock.start();
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        const QString error = watcher->result();
        setBusy(false);
        if (!error.isEmpty()) { // said in the dialog, which stays open: no second window to dismiss
            m_error->setText(tr("Import failed: %1 The mirror is as it was before.").arg(error));
            m_error->show();
        }
        refresh();
        Q_EMIT importFinished(error.isEmpty(), error);
    });
    // The import reports every few thousand records; the window shows the latest.
    const QFuture<QString> work = QtConcurrent::run([this, path = m_path, paths] {
        MirrorStore store;
        store.open(path); // none there yet is fine: the import makes it
        const bool ok = store.importFiles(paths, QDateTime(), [this](const MirrorImportProgress &p) {
            QMetaObject::invokeMethod(this, [this, p] { showProgress(p.bytes, p.totalBytes, p.records); }, Qt::QueuedConnection);
        }, &m_cancel);
        if (ok)
            return QString();
        return m_cancel ? tr("Import cancelled.") : store.error();
    });
    m_work = work;
    watcher->setFuture(work);
}

void MirrorDialog::updateNow()
{
    if (m_busy)
        return;
    m_error->hide();
    m_note->hide();
    setBusy(true);
    m_cancelButton->setText(tr("Cancel Update"));
    MirrorUpdater::Settings settings; // the URLs from the environment, else GLEIF's
    settings.mirrorPath = m_path;
    settings.network = m_network;
    m_updater->start(settings); // may finish at once (a CA bundle that cannot be read)
}

void MirrorDialog::showProgress(qint64 bytes, qint64 totalBytes, qint64 records)
{
    const double seconds = double(m_importClock.elapsed()) / 1000.0;
    showProgressText(QString(), bytes, totalBytes, records, seconds > 1 && bytes > 0 ? double(bytes) / seconds : 0.0);
}

// `records` -1: a download's bytes, which are not records yet.
void MirrorDialog::showProgressText(const QString &phase, qint64 bytes, qint64 totalBytes, qint64 records, double rate)
{
    if (!m_busy)
        return;
    const QLocale locale;
    const QString total = totalBytes >= 0 ? locale.formattedDataSize(totalBytes) : tr("?");
    QString text = records < 0 ? tr("%1 of %2").arg(locale.formattedDataSize(bytes), total)
                               : tr("%1 of %2 read, %L3 records").arg(locale.formattedDataSize(bytes), total).arg(records);
    if (!phase.isEmpty())
        text = tr("%1: %2").arg(phase, text);
    if (rate > 0) {
        text += tr(", %1/s").arg(locale.formattedDataSize(qint64(rate)));
        if (totalBytes > bytes)
            text += tr(", about %n second(s) left", nullptr, int(double(totalBytes - bytes) / rate + 0.5));
    }
    if (totalBytes > 0) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(int(1000 * bytes / totalBytes));
    }
    m_progressLabel->setText(text);
}

void MirrorDialog::cancel()
{
    m_cancel = true;
    m_updater->cancel();
}

void MirrorDialog::removeMirror(bool confirmed)
{
    if (m_busy)
        return;
    if (!confirmed
        && QMessageBox::question(this, tr("Remove the GLEIF Mirror"),
                                 tr("Delete %1? Enrichment then asks GLEIF's API again (or fails with the mirror "
                                    "as the only source).").arg(QDir::toNativeSeparators(m_path)))
            != QMessageBox::Yes)
        return;
    QString error;
    m_error->setVisible(!MirrorStore::remove(m_path, &error));
    m_error->setText(tr("Cannot remove the mirror: %1").arg(error));
    refresh();
}
