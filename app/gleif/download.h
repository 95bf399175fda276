#pragma once

#include "gleifsettings.h"
#include "networkconfig.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonObject>
#include <QObject>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

// One large file from GLEIF (a Golden Copy ZIP, the BIC map), written to `target`.part beside
// the target and renamed to it only when complete. A cut, a stall or a cancel leaves the .part
// and its validators (`target`.part.json: URL, size, ETag, Last-Modified); the next start with
// the same URL and size asks for the rest with `Range` (and `If-Range`, so a changed file comes
// whole and restarts from 0). Redirects are followed to any host (GLEIF's storage is another),
// https only unless the start URL was http, at most maxRedirects. It ends on a stall of
// `settings.timeout` (no byte for that long), never on total time; takes at most `size` bytes
// (the published size) and checks the free space first. Proxy, CA bundle and TLS as for lookups.
// Files are 0600: they say which registers the analyst keeps.
class FileDownload final : public QObject
{
    Q_OBJECT
public:
    static constexpr int maxRedirects = 5;
    // For a file of unpublished size (the BIC map, about 2 MB): the most that is taken.
    static constexpr qint64 unpublishedSizeCap = qint64(256) << 20;

    enum class Outcome { Done, Failed, Cancelled };
    struct Result
    {
        Outcome outcome = Outcome::Failed;
        QString error; // one line naming the file; empty when done
        bool resumable = false; // a .part is kept: starting again continues it
        qint64 resumedFrom = 0; // bytes the last attempt did not fetch again
        bool reused = false; // the target was complete already: nothing fetched
    };

    explicit FileDownload(const GleifSettings &settings, QObject *parent = nullptr);
    ~FileDownload() override;
    Q_DISABLE_COPY_MOVE(FileDownload)

    // `size`: the published size in bytes, or -1 when none is published (then at most
    // unpublishedSizeCap). Emits finished() once, also for an error found at once.
    void start(const QUrl &url, const QString &target, qint64 size);
    void cancel();
    bool isRunning() const { return m_reply != nullptr; }
    Result result() const { return m_result; }

    static QString partPath(const QString &target) { return target + QStringLiteral(".part"); }
    static QString validatorsPath(const QString &target) { return target + QStringLiteral(".part.json"); }
    // Beside a complete target: its URL and size. A start for the same URL and published size
    // finds the target complete and fetches nothing (`reused`); delete both when done with it.
    static QString recordPath(const QString &target) { return target + QStringLiteral(".json"); }

Q_SIGNALS:
    // `bytes` of `total` (-1: unknown) in the file so far, `bytesPerSecond` over this attempt.
    void progress(qint64 bytes, qint64 total, double bytesPerSecond);
    void finished(const FileDownload::Result &result);

private:
    void request(const QUrl &url);
    void onMetaData();
    void onReadyRead();
    void onFinished();
    void finish(Outcome outcome, const QString &error = {});
    bool writeValidators(QString *error);
    static QJsonObject readJson(const QString &path);
    QString shown() const;

    GleifSettings m_settings;
    QNetworkAccessManager *m_nam;
    NetworkConfig::Setup m_network;
    QNetworkReply *m_reply = nullptr;
    QFile m_part;
    QUrl m_start;
    QString m_target;
    qint64 m_size = -1; // published, -1: none
    qint64 m_limit = 0; // the most bytes taken
    qint64 m_offset = 0; // bytes in the .part when the current answer began
    qint64 m_written = 0; // bytes in the .part now
    int m_redirects = 0;
    QByteArray m_etag, m_lastModified; // of the .part's bytes
    bool m_accepted = false; // the current answer's head was checked and its body is taken
    bool m_cancelled = false;
    bool m_dropPart = false; // the current answer's bytes cannot be trusted: no resuming from them
    QString m_refusal; // why the current answer was aborted
    QElapsedTimer m_clock;
    Result m_result;
};

Q_DECLARE_METATYPE(FileDownload::Result)
