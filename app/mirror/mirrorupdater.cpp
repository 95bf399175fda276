#include "mirrorupdater.h"

#include "download.h"
#include "metadatarequest.h"
#include "mirrorstore.h"
#include "networkconfig.h"
#include "privatefiles.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QLocale>
#include <QStorageInfo>
#include <QtConcurrent/QtConcurrentRun>

namespace {

QString describe(const GoldenCopy::Download &d)
{
    switch (d.kind) {
    case GoldenCopy::Download::Kind::Full:
        return MirrorUpdater::tr("%1 full file").arg(GoldenCopy::typeName(d.type));
    case GoldenCopy::Download::Kind::Delta:
        return MirrorUpdater::tr("%1 %2 delta").arg(GoldenCopy::typeName(d.type), GoldenCopy::deltaName(d.delta));
    case GoldenCopy::Download::Kind::BicMap:
        return MirrorUpdater::tr("BIC map");
    }
    return {};
}

// The one place where the Golden Copy client's types meet the mirror's.
MirrorFileType mirrorType(GoldenCopy::FileType type)
{
    switch (type) {
    case GoldenCopy::FileType::Lei2:
        return MirrorFileType::Lei2;
    case GoldenCopy::FileType::Rr:
        return MirrorFileType::Relationships;
    case GoldenCopy::FileType::Repex:
        return MirrorFileType::Exceptions;
    case GoldenCopy::FileType::BicMap:
        break;
    }
    return MirrorFileType::BicMap;
}

QUrl urlFrom(const char *env, const char *fallback)
{
    const QString text = qEnvironmentVariable(env);
    return QUrl(text.isEmpty() ? QString::fromLatin1(fallback) : text, QUrl::StrictMode);
}

} // namespace

QUrl MirrorUpdater::defaultGoldenCopyUrl()
{
    return urlFrom("LEI_ENRICHER_GOLDEN_COPY_URL", "https://goldencopy.gleif.org/api/v2");
}

QUrl MirrorUpdater::defaultMappingUrl()
{
    return urlFrom("LEI_ENRICHER_MAPPING_URL", "https://mapping.gleif.org/api/v2");
}

MirrorUpdater::MirrorUpdater(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<MirrorUpdater::Phase>();
    qRegisterMetaType<MirrorUpdater::Outcome>();
}

MirrorUpdater::~MirrorUpdater()
{
    m_cancel = true;
    // Nothing reports to a half-destroyed updater: the request and the download stop silently.
    delete m_request.data();
    delete m_download.data();
    m_import.waitForFinished(); // the import cleans up after itself; the old mirror stays
}

void MirrorUpdater::start(const Settings &settings)
{
    if (m_running)
        return;
    m_settings = settings;
    m_running = true;
    m_cancel = false;
    m_plan.clear();
    m_downloaded.clear();
    m_latest.reset();
    m_goldenCopyDate = m_bicMapDate = QDateTime();
    const QString mirrorPath = QFileInfo(settings.mirrorPath).absoluteFilePath();
    m_downloads = mirrorPath + QStringLiteral(".downloads");
    Q_EMIT phaseChanged(Phase::Checking, 0, 0, tr("asking GLEIF what is published"));

    for (const QUrl &u : { settings.goldenCopyUrl, settings.mappingUrl })
        if (!u.isValid() || u.host().isEmpty() || (u.scheme() != u"http" && u.scheme() != u"https"))
            return finish(Outcome::Failed, tr("%1 is not an http or https URL").arg(u.toString()));
    if (!settings.network.caBundlePath.isEmpty()) {
        const NetworkConfig::CaBundle bundle = NetworkConfig::loadCaBundle(settings.network.caBundlePath);
        if (!bundle.error.isEmpty())
            return finish(Outcome::Failed, bundle.error);
    }
    // No mirror yet: every date invalid, so the plan is the full files, and their import creates it.
    m_store = std::make_unique<MirrorStore>();
    if (!m_store->open(mirrorPath) && QFileInfo::exists(mirrorPath))
        return finish(Outcome::Failed, m_store->error()); // not a mirror: never overwritten
    m_held.clear();
    for (GoldenCopy::FileType t : { GoldenCopy::FileType::Lei2, GoldenCopy::FileType::Rr, GoldenCopy::FileType::Repex, GoldenCopy::FileType::BicMap })
        // A mirror without the name index (an earlier version's) takes a full LEI2 file to build it.
        m_held.insert(t, m_store->isOpen() && (t != GoldenCopy::FileType::Lei2 || m_store->hasNameIndex())
                             ? m_store->publishDate(mirrorType(t)) : QDateTime());
    get(GoldenCopy::latestUrl(m_settings.goldenCopyUrl), &MirrorUpdater::fetchMapping);
}

void MirrorUpdater::cancel()
{
    if (!m_running)
        return;
    m_cancel = true; // the import watches it
    if (m_request)
        m_request->cancel();
    if (m_download)
        m_download->cancel();
}

void MirrorUpdater::get(const QUrl &url, void (MirrorUpdater::*then)(const QByteArray &, const QString &))
{
    auto *request = new MetadataRequest(m_settings.network, this);
    m_request = request;
    connect(request, &MetadataRequest::finished, this, [this, request, then](const QByteArray &body, const QString &error) {
        request->deleteLater();
        m_request = nullptr;
        (this->*then)(body, error);
    });
    request->get(url);
}

void MirrorUpdater::fetchMapping(const QByteArray &body, const QString &error)
{
    if (m_cancel)
        return finish(Outcome::Cancelled);
    if (!error.isEmpty())
        return finish(Outcome::Failed, error);
    QString parseError;
    const QUrl url = GoldenCopy::latestUrl(m_settings.goldenCopyUrl);
    m_latest = GoldenCopy::parseLatest(body, m_settings.goldenCopyUrl, &parseError);
    if (!m_latest)
        return finish(Outcome::Failed, tr("%1: %2").arg(url.toDisplayString(), parseError));
    m_goldenCopyDate = m_latest->publishDate;
    get(GoldenCopy::mappingLatestUrl(m_settings.mappingUrl), &MirrorUpdater::planDownloads);
}

void MirrorUpdater::planDownloads(const QByteArray &body, const QString &error)
{
    if (m_cancel)
        return finish(Outcome::Cancelled);
    if (!error.isEmpty())
        return finish(Outcome::Failed, error);
    QString parseError;
    const auto mapping = GoldenCopy::parseMappingLatest(body, m_settings.mappingUrl, &parseError);
    if (!mapping)
        return finish(Outcome::Failed, tr("%1: %2").arg(GoldenCopy::mappingLatestUrl(m_settings.mappingUrl).toDisplayString(), parseError));
    m_bicMapDate = mapping->uploadedAt;
    m_plan = GoldenCopy::plan(m_held, *m_latest, mapping);
    if (m_plan.isEmpty())
        return finish(Outcome::UpToDate);

    // Downloads go to a private folder beside the mirror; what is not part of this plan (an
    // older publication's leftovers) goes.
    QString folderError;
    if (!PrivateFiles::makeFolder(m_downloads, m_downloads, &folderError))
        return finish(Outcome::Failed, folderError);
    const QDir downloads(m_downloads);
    QStringList planned;
    qint64 needed = 0;
    for (const GoldenCopy::Download &d : std::as_const(m_plan)) {
        const QString name = GoldenCopy::localFileName(d);
        planned << name << QFileInfo(FileDownload::partPath(name)).fileName() << QFileInfo(FileDownload::validatorsPath(name)).fileName()
                << QFileInfo(FileDownload::recordPath(name)).fileName();
        needed += std::max<qint64>(d.file.size, 0) - QFileInfo(downloads.filePath(FileDownload::partPath(name))).size();
    }
    for (const QString &name : downloads.entryList(QDir::Files | QDir::Hidden | QDir::System))
        if (!planned.contains(name))
            QFile::remove(downloads.filePath(name));
    const QStorageInfo storage(m_downloads);
    if (storage.isValid() && storage.bytesAvailable() < needed) {
        const QLocale c = QLocale::c(); // the command line's stderr is parsed by scripts
        return finish(Outcome::Failed, tr("%1: not enough free space for the downloads (%2 needed, %3 free)")
                                           .arg(QDir::toNativeSeparators(m_downloads), c.formattedDataSize(needed),
                                                c.formattedDataSize(storage.bytesAvailable())));
    }
    m_index = 0;
    downloadNext();
}

void MirrorUpdater::downloadNext()
{
    if (m_cancel)
        return finish(Outcome::Cancelled);
    if (m_index == m_plan.size())
        return importAll();
    const GoldenCopy::Download &d = m_plan.at(m_index);
    Q_EMIT phaseChanged(Phase::Downloading, m_index + 1, int(m_plan.size()), describe(d));
    auto *download = new FileDownload(m_settings.network, this);
    m_download = download;
    connect(download, &FileDownload::progress, this, [this](qint64 bytes, qint64 total, double rate) {
        Q_EMIT progress(bytes, total, 0, rate);
    });
    connect(download, &FileDownload::finished, this, &MirrorUpdater::downloadFinished);
    m_attempt = 1;
    startDownload();
}

void MirrorUpdater::startDownload()
{
    const GoldenCopy::Download &d = m_plan.at(m_index);
    m_download->start(d.file.url, QDir(m_downloads).filePath(GoldenCopy::localFileName(d)), d.file.size);
}

void MirrorUpdater::downloadFinished()
{
    const FileDownload::Result result = m_download->result();
    if (result.outcome == FileDownload::Outcome::Failed && result.resumable && !m_cancel && m_attempt < attemptsPerFile) {
        ++m_attempt;
        Q_EMIT retrying(result.error);
        // Not from within finished(): the download is still finishing.
        QMetaObject::invokeMethod(this, [this] {
            if (m_cancel)
                return finish(Outcome::Cancelled);
            startDownload();
        }, Qt::QueuedConnection);
        return;
    }
    m_download->deleteLater();
    m_download = nullptr;
    if (result.outcome == FileDownload::Outcome::Cancelled || m_cancel)
        return finish(Outcome::Cancelled);
    if (result.outcome != FileDownload::Outcome::Done)
        return finish(Outcome::Failed, result.error + (result.resumable ? tr(" (run again to resume)") : QString()));
    const GoldenCopy::Download &d = m_plan.at(m_index);
    const QString target = QDir(m_downloads).filePath(GoldenCopy::localFileName(d));
    Q_EMIT fileDownloaded(target, result.reused, result.resumedFrom);
    m_downloaded << target;
    if (d.file.recordCount >= 0)
        m_store->expectRecords(target, d.file.recordCount); // a file cut short fails the import
    m_store->setPublishDate(target, d.publishDate);
    ++m_index;
    QMetaObject::invokeMethod(this, &MirrorUpdater::downloadNext, Qt::QueuedConnection);
}

void MirrorUpdater::importAll()
{
    // One import for everything, so that the mirror takes all of it or none (also the BIC map,
    // of another date). On a worker thread: the caller's event loop stays live and cancel() works.
    Q_EMIT phaseChanged(Phase::Importing, int(m_downloaded.size()), int(m_downloaded.size()), tr("importing"));
    auto *watcher = new QFutureWatcher<bool>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        imported(watcher->result());
    });
    m_import = QtConcurrent::run([this, store = m_store.get(), files = m_downloaded] {
        QElapsedTimer clock;
        clock.start();
        return store->importFiles(files, QDateTime(), [this, &clock](const MirrorImportProgress &p) {
            const double seconds = double(clock.elapsed()) / 1000.0;
            Q_EMIT progress(p.bytes, p.totalBytes, p.records, seconds > 0.5 ? double(p.bytes) / seconds : 0.0); // queued to the receivers
        }, &m_cancel);
    });
    watcher->setFuture(m_import);
}

void MirrorUpdater::imported(bool ok)
{
    if (!ok && m_cancel)
        return finish(Outcome::Cancelled); // the downloads stay for the next run
    // Imported, or refused and fetched again next time.
    for (const QString &file : std::as_const(m_downloaded)) {
        QFile::remove(file);
        QFile::remove(FileDownload::recordPath(file));
    }
    QDir().rmdir(m_downloads); // only when empty
    if (!ok)
        return finish(Outcome::Failed, m_store->error());
    finish(Outcome::Updated);
}

void MirrorUpdater::finish(Outcome outcome, const QString &error)
{
    m_running = false;
    if (m_download) // a retry cancelled before it started
        m_download->deleteLater();
    m_store.reset(); // the mirror's file is not held open between updates
    Q_EMIT finished(outcome, error);
}
