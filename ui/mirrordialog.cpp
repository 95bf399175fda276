#include "mirrordialog.h"

#include "mirrorstore.h"

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

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_importButton = buttons->addButton(tr("&Import Files..."), QDialogButtonBox::ActionRole);
    m_removeButton = buttons->addButton(tr("&Remove"), QDialogButtonBox::ActionRole);
    m_cancelButton = buttons->addButton(tr("Cancel Import"), QDialogButtonBox::ActionRole);
    m_cancelButton->hide();
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_importButton, &QPushButton::clicked, this, &MirrorDialog::chooseFiles);
    connect(m_removeButton, &QPushButton::clicked, this, [this] { removeMirror(false); });
    connect(m_cancelButton, &QPushButton::clicked, this, &MirrorDialog::cancel);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pathLabel);
    layout->addWidget(m_status);
    layout->addWidget(m_progress);
    layout->addWidget(m_progressLabel);
    layout->addWidget(m_error);
    layout->addStretch();
    layout->addWidget(buttons);
    refresh();
}

MirrorDialog::~MirrorDialog()
{
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
                    ? tr("No GLEIF mirror yet. Import the Golden Copy files (LEI records, relationships, "
                         "reporting exceptions, BIC map) downloaded from gleif.org, or run lei-enrich mirror update.")
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
    setBusy(true);
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

void MirrorDialog::showProgress(qint64 bytes, qint64 totalBytes, qint64 records)
{
    if (!m_busy)
        return;
    const QLocale locale;
    QString text = tr("%1 of %2 read, %L3 records").arg(locale.formattedDataSize(bytes), locale.formattedDataSize(std::max<qint64>(totalBytes, 0))).arg(records);
    const double seconds = double(m_importClock.elapsed()) / 1000.0;
    if (seconds > 1 && bytes > 0) {
        const double rate = double(bytes) / seconds;
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
