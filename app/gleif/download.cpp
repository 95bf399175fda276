#include "download.h"

#include "gleiflog.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QStorageInfo>

#include <climits>

namespace {

constexpr QFileDevice::Permissions privateFile = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
// How far Qt may read ahead of the disk writes: memory stays flat whatever the file's size.
constexpr qint64 readAheadBytes = 1 << 20;

QString bytesText(qint64 n)
{
    return QLocale::c().formattedDataSize(n);
}

} // namespace

FileDownload::FileDownload(const GleifSettings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_nam(new QNetworkAccessManager(this))
{
    NetworkConfig::attach(m_nam);
}

FileDownload::~FileDownload()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        delete m_reply;
    }
}

QString FileDownload::shown() const
{
    return QDir::toNativeSeparators(m_target);
}

void FileDownload::start(const QUrl &url, const QString &target, qint64 size)
{
    Q_ASSERT(!m_reply);
    m_start = url;
    m_target = target;
    m_size = size;
    m_limit = size >= 0 ? size : unpublishedSizeCap;
    m_offset = m_written = 0;
    m_redirects = 0;
    m_etag.clear();
    m_lastModified.clear();
    m_accepted = m_cancelled = m_dropPart = false;
    m_refusal.clear();
    m_result = {};
    m_clock.start();

    if (url.scheme() != u"https" && url.scheme() != u"http")
        return finish(Outcome::Failed, tr("%1: %2 is not an http or https URL").arg(shown(), url.toDisplayString()));
    m_network = NetworkConfig::setUp(m_nam, m_settings);
    if (!m_network.error.isEmpty())
        return finish(Outcome::Failed, m_network.error);

    // What a previous run completed or left, if it was of this very file.
    const auto sameFile = [&](const QJsonObject &v) {
        return v.value(u"url").toString() == url.toString(QUrl::FullyEncoded) && v.value(u"size").toInteger(-2) == size;
    };
    const QFileInfo targetInfo(target);
    if (size >= 0 && !targetInfo.isSymLink() && targetInfo.isFile() && targetInfo.size() == size && sameFile(readJson(recordPath(target)))) {
        m_result.outcome = Outcome::Done;
        m_result.reused = true;
        m_result.resumedFrom = size;
        Q_EMIT finished(m_result);
        return;
    }
    QFile::remove(target);
    QFile::remove(recordPath(target));
    const QString part = partPath(target);
    const QFileInfo partInfo(part);
    if (partInfo.exists() && !partInfo.isSymLink() && partInfo.isFile() && partInfo.size() > 0 && partInfo.size() < m_limit) {
        const QJsonObject v = readJson(validatorsPath(target));
        if (sameFile(v)) {
            m_offset = partInfo.size();
            m_etag = v.value(u"etag").toString().toLatin1();
            m_lastModified = v.value(u"lastModified").toString().toLatin1();
        }
    }
    if (m_offset == 0) {
        QFile::remove(part); // a symbolic link itself, never what it points to
        QFile::remove(validatorsPath(target));
    }
    m_written = m_offset;

    const QString folder = QFileInfo(target).absolutePath();
    if (m_size >= 0) {
        QStorageInfo storage(folder);
        if (storage.isValid() && storage.bytesAvailable() < m_size - m_offset)
            return finish(Outcome::Failed,
                          tr("%1: not enough free space in %2 (%3 needed, %4 free)")
                              .arg(shown(), QDir::toNativeSeparators(folder), bytesText(m_size - m_offset),
                                   bytesText(storage.bytesAvailable())));
    }
    m_part.setFileName(part);
    if (!m_part.open(QIODevice::ReadWrite, privateFile) || !m_part.setPermissions(privateFile)
        || !m_part.seek(m_offset) || !m_part.resize(m_offset))
        return finish(Outcome::Failed, tr("%1: cannot write %2 (%3)").arg(shown(), QDir::toNativeSeparators(part), m_part.errorString()));
    if (m_offset > 0)
        qCInfo(lcGleif) << "resuming" << url << "at byte" << m_offset;
    request(url);
}

void FileDownload::request(const QUrl &url)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("LEI-Enricher/" LEI_VERSION));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    // The bytes as stored: Qt would otherwise ask for gzip and count decompressed bytes.
    request.setRawHeader("Accept-Encoding", "identity");
    // A stall, not the total time: Qt restarts this timer on every byte.
    request.setTransferTimeout(int(std::min<qint64>(m_settings.timeout.count(), INT_MAX)));
    if (m_written > 0) {
        request.setRawHeader("Range", "bytes=" + QByteArray::number(m_written) + '-');
        // Only the same file continues: a changed one is answered whole (200) and starts over.
        if (!m_etag.isEmpty() && !m_etag.startsWith("W/"))
            request.setRawHeader("If-Range", m_etag);
        else if (!m_lastModified.isEmpty())
            request.setRawHeader("If-Range", m_lastModified);
    }
    NetworkConfig::prepare(request, m_network);
    m_accepted = false;
    m_refusal.clear();
    m_reply = m_nam->get(request);
    m_reply->setReadBufferSize(readAheadBytes);
    connect(m_reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError> &errors) {
        if (m_reply)
            m_reply->setProperty("tlsReason", errors.value(0).errorString()); // never ignored
    });
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &FileDownload::onMetaData);
    connect(m_reply, &QNetworkReply::readyRead, this, &FileDownload::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &FileDownload::onFinished);
}

void FileDownload::cancel()
{
    if (!m_reply)
        return;
    m_cancelled = true;
    m_reply->abort(); // finishes the reply: onFinished() reports it
}

void FileDownload::onMetaData()
{
    if (!m_reply)
        return;
    if (m_accepted) {
        // Qt sends a request again by itself when a connection closes early, and the answer
        // starts over: so does the file, from where this request began.
        m_accepted = false;
        m_written = m_result.resumedFrom;
        if (!m_part.resize(m_written) || !m_part.seek(m_written)) {
            m_refusal = tr("%1: cannot write %2 (%3)").arg(shown(), QDir::toNativeSeparators(m_part.fileName()), m_part.errorString());
            m_reply->abort();
            return;
        }
    }
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
    const auto refuse = [this](const QString &why) {
        m_refusal = why;
        m_dropPart = true;
        m_reply->abort();
    };
    if (status == 206) {
        // Content-Range: bytes FIRST-LAST/TOTAL; the rest exactly where the .part ends.
        static const QRegularExpression re(QStringLiteral("^bytes ([0-9]{1,18})-([0-9]{1,18})/([0-9]{1,18}|\\*)$"));
        const auto m = re.match(QString::fromLatin1(m_reply->rawHeader("Content-Range")).trimmed());
        const qint64 first = m.hasMatch() ? m.captured(1).toLongLong() : -1;
        const qint64 last = m.hasMatch() ? m.captured(2).toLongLong() : -1;
        const qint64 total = m.hasMatch() && m.captured(3) != u"*" ? m.captured(3).toLongLong() : -1;
        if (!m.hasMatch() || first != m_written || last < first || (total >= 0 && last != total - 1)
            || (m_size >= 0 && total >= 0 && total != m_size) || last >= m_limit)
            return refuse(tr("%1: the server sent another part than asked (Content-Range \"%2\" for bytes %3-)")
                              .arg(shown(), QString::fromLatin1(m_reply->rawHeader("Content-Range").left(80)))
                              .arg(m_written));
        const QByteArray etag = m_reply->rawHeader("ETag");
        if (!m_etag.isEmpty() && !etag.isEmpty() && etag != m_etag)
            return refuse(tr("%1: the file changed on the server since the download began; it starts over next time").arg(shown()));
    } else if (status == 200) {
        if (m_written > 0) {
            qCInfo(lcGleif) << "range not honoured (or the file changed): starting" << m_start << "over";
            m_part.resize(0);
            m_part.seek(0);
            m_written = m_offset = 0;
            if (m_size >= 0) {
                QStorageInfo storage(QFileInfo(m_target).absolutePath());
                if (storage.isValid() && storage.bytesAvailable() < m_size)
                    return refuse(tr("%1: not enough free space to start over (%2 needed, %3 free)")
                                      .arg(shown(), bytesText(m_size), bytesText(storage.bytesAvailable())));
            }
        }
        if (length.isValid() && length.toLongLong() != m_size && m_size >= 0)
            return refuse(tr("%1: the server announces %2 bytes, GLEIF published %3")
                              .arg(shown()).arg(length.toLongLong()).arg(m_size));
        if (length.isValid() && length.toLongLong() > m_limit)
            return refuse(tr("%1: the server announces %2, more than the %3 accepted for this file")
                              .arg(shown(), bytesText(length.toLongLong()), bytesText(m_limit)));
    } else {
        return; // a redirect or an error: onFinished() says what
    }
    m_accepted = true;
    m_result.resumedFrom = m_written;
    const QByteArray etag = m_reply->rawHeader("ETag");
    const QByteArray lastModified = m_reply->rawHeader("Last-Modified");
    if (status == 200 || !etag.isEmpty())
        m_etag = etag;
    if (status == 200 || !lastModified.isEmpty())
        m_lastModified = lastModified;
    QString error;
    if (!writeValidators(&error)) {
        m_refusal = error;
        m_reply->abort();
    }
}

QJsonObject FileDownload::readJson(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) && file.size() < 65536 ? QJsonDocument::fromJson(file.readAll()).object()
                                                                   : QJsonObject();
}

bool FileDownload::writeValidators(QString *error)
{
    QFile file(validatorsPath(m_target));
    const QJsonObject v {
        { QStringLiteral("url"), m_start.toString(QUrl::FullyEncoded) },
        { QStringLiteral("size"), m_size },
        { QStringLiteral("etag"), QString::fromLatin1(m_etag) },
        { QStringLiteral("lastModified"), QString::fromLatin1(m_lastModified) },
    };
    QFile::remove(file.fileName()); // not through a link someone put there
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, privateFile)
        || file.write(QJsonDocument(v).toJson(QJsonDocument::Compact)) < 0) {
        *error = tr("%1: cannot write %2 (%3)").arg(shown(), QDir::toNativeSeparators(file.fileName()), file.errorString());
        return false;
    }
    return true;
}

void FileDownload::onReadyRead()
{
    if (!m_reply)
        return;
    if (!m_accepted) {
        m_reply->skip(m_reply->bytesAvailable()); // a redirect's or an error's body
        return;
    }
    const qint64 available = m_reply->bytesAvailable();
    if (m_written + available > m_limit) {
        m_refusal = m_size >= 0
            ? tr("%1: the server sent more than the %2 bytes GLEIF published (refused)").arg(shown()).arg(m_size)
            : tr("%1: the server sent more than %2 (refused)").arg(shown(), bytesText(m_limit));
        m_dropPart = true;
        if (m_reply->isRunning())
            m_reply->abort();
        return;
    }
    const QByteArray bytes = m_reply->read(available);
    if (m_part.write(bytes) != bytes.size()) { // a full disk: what was written stays resumable
        m_refusal = tr("%1: cannot write %2 (%3)").arg(shown(), QDir::toNativeSeparators(m_part.fileName()), m_part.errorString());
        if (m_reply->isRunning())
            m_reply->abort();
        return;
    }
    m_written += bytes.size();
    const double seconds = std::max<qint64>(m_clock.elapsed(), 1) / 1000.0;
    Q_EMIT progress(m_written, m_size, double(m_written - m_result.resumedFrom) / seconds);
}

void FileDownload::onFinished()
{
    if (!m_reply)
        return;
    if (m_accepted && m_refusal.isEmpty() && !m_cancelled && m_reply->bytesAvailable() > 0)
        onReadyRead(); // the last bytes
    QNetworkReply *reply = std::exchange(m_reply, nullptr);
    reply->disconnect(this);
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QNetworkReply::NetworkError error = reply->error();
    const QString kept = tr("%1 of %2 kept for resuming").arg(bytesText(m_written), m_size >= 0 ? bytesText(m_size) : tr("?"));

    if (m_cancelled)
        return finish(Outcome::Cancelled, tr("%1: cancelled; %2").arg(shown(), kept));
    if (!m_refusal.isEmpty())
        return finish(Outcome::Failed, m_refusal);
    const QVariant location = reply->attribute(QNetworkRequest::RedirectionTargetAttribute);
    if (status >= 300 && status < 400 && location.isValid()) {
        const QUrl to = reply->url().resolved(location.toUrl());
        if (to.scheme() != u"https" && !(m_start.scheme() == u"http" && to.scheme() == u"http"))
            return finish(Outcome::Failed, tr("%1: redirected to %2, not https (refused)").arg(shown(), to.toDisplayString()));
        if (m_redirects >= maxRedirects)
            return finish(Outcome::Failed, tr("%1: more than %2 redirects (refused)").arg(shown()).arg(maxRedirects));
        ++m_redirects;
        qCDebug(lcGleif) << "download redirected to" << to;
        return request(to);
    }
    if (error == QNetworkReply::OperationCanceledError || error == QNetworkReply::TimeoutError)
        return finish(Outcome::Failed, tr("%1: no data for %2 s (stalled); %3")
                                           .arg(shown()).arg(m_settings.timeout.count() / 1000.0).arg(kept));
    if (m_accepted) {
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        const qint64 expected = m_size >= 0 ? m_size
            : length.isValid() ? m_result.resumedFrom + length.toLongLong() : m_written;
        if (error == QNetworkReply::NoError && m_written == expected)
            return finish(Outcome::Done);
        return finish(Outcome::Failed, tr("%1: the connection ended after %2 (%3); %4")
                                           .arg(shown(), bytesText(m_written),
                                                error == QNetworkReply::NoError ? tr("incomplete") : reply->errorString(), kept));
    }
    if (status == 416) { // the .part is not a prefix of what is there now
        m_dropPart = true;
        return finish(Outcome::Failed, tr("%1: the server refused to resume (HTTP 416); it starts over next time").arg(shown()));
    }
    if (status > 0)
        return finish(Outcome::Failed, tr("%1: HTTP %2 %3 for %4")
                                           .arg(shown()).arg(status)
                                           .arg(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString(),
                                                reply->url().toDisplayString()));
    if (error == QNetworkReply::SslHandshakeFailedError) {
        QString tls = reply->property("tlsReason").toString();
        if (tls.isEmpty())
            tls = reply->errorString();
        return finish(Outcome::Failed, tr("%1: TLS: %2").arg(shown(), tls.left(1).toLower() + tls.mid(1)));
    }
    return finish(Outcome::Failed, tr("%1: %2").arg(shown(), reply->errorString()));
}

void FileDownload::finish(Outcome outcome, const QString &error)
{
    m_result.outcome = outcome;
    m_result.error = error;
    const QString part = partPath(m_target);
    // Bytes of another file or a wrong part may be in the .part: never resume from them. An
    // empty one is no use either; one not opened yet (an early failure) is left as it was.
    const bool drop = m_dropPart || (m_part.isOpen() && m_written == 0);
    if (m_part.isOpen()) {
        if (!m_part.flush() && outcome == Outcome::Done) {
            outcome = m_result.outcome = Outcome::Failed;
            m_result.error = tr("%1: cannot write %2 (%3)").arg(shown(), QDir::toNativeSeparators(part), m_part.errorString());
        }
        m_part.close();
    }
    if (outcome == Outcome::Done) {
        QFile::remove(m_target);
        QFile::remove(recordPath(m_target));
        if (!QFile::rename(part, m_target)) {
            m_result.outcome = Outcome::Failed;
            m_result.error = tr("%1: cannot rename %2 to it").arg(shown(), QDir::toNativeSeparators(part));
        } else {
            QFile::rename(validatorsPath(m_target), recordPath(m_target)); // without it, fetched again next time
        }
    } else if (drop) {
        QFile::remove(part);
        QFile::remove(validatorsPath(m_target));
    }
    m_result.resumable = m_result.outcome != Outcome::Done && !drop && QFileInfo(part).size() > 0;
    if (m_result.outcome == Outcome::Failed)
        qCInfo(lcGleif) << "download failed:" << m_result.error;
    Q_EMIT finished(m_result);
}
