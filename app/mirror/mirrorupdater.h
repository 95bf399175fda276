#pragma once

#include "gleifsettings.h"
#include "goldencopyapi.h"

#include <QDateTime>
#include <QFuture>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QUrl>

#include <atomic>
#include <memory>

class FileDownload;
class MetadataRequest;
class MirrorStore;

// Brings the local mirror up to date from GLEIF (issue 13), for `lei-enrich mirror update` and the
// desktop's Tools > GLEIF Data: asks what is published, downloads what the mirror lacks (full
// files, the narrowest covering delta, the BIC map) into a private folder beside the mirror,
// resuming what an earlier run left there, and imports it all in one MirrorStore import (all or
// nothing) on a worker thread, so an event loop (a window) stays live. A failure or a cancel
// leaves the mirror as it was; complete downloads of a failed or cancelled run stay for the next.
class MirrorUpdater final : public QObject
{
    Q_OBJECT
public:
    struct Settings
    {
        QString mirrorPath; // the mirror's file; none there yet: the full files make it
        QUrl goldenCopyUrl = defaultGoldenCopyUrl();
        QUrl mappingUrl = defaultMappingUrl();
        GleifSettings network; // proxy, CA bundle, timeout (a download's stall)
    };
    enum class Phase { Checking, Downloading, Importing };
    enum class Outcome { Updated, UpToDate, Failed, Cancelled };
    static constexpr int attemptsPerFile = 3; // a cut or a stall resumes at once, twice

    // LEI_ENRICHER_GOLDEN_COPY_URL / LEI_ENRICHER_MAPPING_URL, else GLEIF's (the contract's).
    static QUrl defaultGoldenCopyUrl();
    static QUrl defaultMappingUrl();

    explicit MirrorUpdater(QObject *parent = nullptr);
    ~MirrorUpdater() override; // cancels and waits for a running import
    Q_DISABLE_COPY_MOVE(MirrorUpdater)

    // Emits finished() once, also (before returning) for an error found at once.
    void start(const Settings &settings);
    void cancel();
    bool isRunning() const { return m_running; }

    QString downloadFolder() const { return m_downloads; } // after start()
    QDateTime goldenCopyDate() const { return m_goldenCopyDate; } // published, once checked
    QDateTime bicMapDate() const { return m_bicMapDate; }

Q_SIGNALS:
    // Checking: asking GLEIF (file, files 0). Downloading: file `file` (1-based) of `files`,
    // `what` its description ("lei2 LastDay delta"). Importing: every file, `files` of them.
    void phaseChanged(MirrorUpdater::Phase phase, int file, int files, const QString &what);
    // Downloading: `bytes` of `total` (-1: unknown) of the current file; importing: of all the
    // files (compressed bytes), with `records` so far. `bytesPerSecond` 0 until known.
    void progress(qint64 bytes, qint64 total, qint64 records, double bytesPerSecond);
    // A cut or stalled download starts again from where it stopped.
    void retrying(const QString &error);
    // The current file is complete: `reused` an earlier run's, else fetched (resumed at `resumedFrom`).
    void fileDownloaded(const QString &path, bool reused, qint64 resumedFrom);
    // `error`: one line for Failed (naming the file or URL), empty otherwise.
    void finished(MirrorUpdater::Outcome outcome, const QString &error);

private:
    void fetchLatest();
    void fetchMapping(const QByteArray &body, const QString &error);
    void planDownloads(const QByteArray &body, const QString &error);
    void downloadNext();
    void startDownload();
    void downloadFinished();
    void importAll();
    void imported(bool ok);
    void finish(Outcome outcome, const QString &error = {});
    void get(const QUrl &url, void (MirrorUpdater::*then)(const QByteArray &, const QString &));

    Settings m_settings;
    bool m_running = false;
    std::atomic<bool> m_cancel { false };
    std::unique_ptr<MirrorStore> m_store;
    GoldenCopy::MirrorDates m_held;
    std::optional<GoldenCopy::Publish> m_latest;
    QDateTime m_goldenCopyDate;
    QDateTime m_bicMapDate;
    QString m_downloads;
    QList<GoldenCopy::Download> m_plan;
    int m_index = 0;
    int m_attempt = 0;
    QStringList m_downloaded;
    QPointer<MetadataRequest> m_request;
    QPointer<FileDownload> m_download;
    QFuture<bool> m_import;
};

Q_DECLARE_METATYPE(MirrorUpdater::Phase)
Q_DECLARE_METATYPE(MirrorUpdater::Outcome)
