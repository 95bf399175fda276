#include "metadatarequest.h"

#include "networkconfig.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

#include <climits>

MetadataRequest::MetadataRequest(const GleifSettings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_nam(new QNetworkAccessManager(this))
{
    NetworkConfig::attach(m_nam);
}

MetadataRequest::~MetadataRequest()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        delete m_reply;
    }
}

void MetadataRequest::get(const QUrl &url)
{
    Q_ASSERT(!m_reply);
    m_body.clear();
    m_refusal.clear();
    const NetworkConfig::Setup setup = NetworkConfig::setUp(m_nam, m_settings);
    if (!setup.error.isEmpty()) {
        Q_EMIT finished({}, setup.error);
        return;
    }
    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/json");
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("LEI-Enricher/" LEI_VERSION));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    NetworkConfig::prepare(request, setup);
    m_reply = m_nam->get(request);
    m_reply->setReadBufferSize(maxBytes);
    connect(m_reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError> &errors) {
        if (m_reply)
            m_reply->setProperty("tlsReason", errors.value(0).errorString()); // never ignored
    });
    connect(m_reply, &QNetworkReply::readyRead, this, [this] {
        if (m_body.size() + m_reply->bytesAvailable() > maxBytes) {
            m_refusal = tr("%1: the answer is larger than %2 bytes (refused)").arg(m_reply->url().toDisplayString()).arg(maxBytes);
            m_reply->abort();
            return;
        }
        m_body += m_reply->readAll();
    });
    connect(m_reply, &QNetworkReply::finished, this, &MetadataRequest::onFinished);
    // The whole request, not only silence: a trickling server cannot hold it.
    auto *deadline = new QTimer(m_reply);
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, this, [this] {
        if (!m_reply)
            return;
        m_refusal = tr("%1: no complete answer in %2 s").arg(m_reply->url().toDisplayString()).arg(m_settings.timeout.count() / 1000.0);
        m_reply->abort();
    });
    deadline->start(int(std::min<qint64>(m_settings.timeout.count(), INT_MAX)));
}

void MetadataRequest::cancel()
{
    if (m_reply) {
        m_refusal = tr("%1: cancelled").arg(m_reply->url().toDisplayString());
        m_reply->abort();
    }
}

void MetadataRequest::onFinished()
{
    QNetworkReply *reply = std::exchange(m_reply, nullptr);
    reply->disconnect(this);
    reply->deleteLater();
    const QString url = reply->url().toDisplayString();
    if (!m_refusal.isEmpty()) {
        Q_EMIT finished({}, m_refusal);
        return;
    }
    if (m_body.size() + reply->bytesAvailable() > maxBytes) {
        Q_EMIT finished({}, tr("%1: the answer is larger than %2 bytes (refused)").arg(url).arg(maxBytes));
        return;
    }
    m_body += reply->readAll();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 200) {
        QString why = status > 0 ? QStringLiteral("HTTP %1 %2").arg(status).arg(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString())
                                 : reply->property("tlsReason").toString();
        if (why.isEmpty())
            why = reply->errorString();
        Q_EMIT finished({}, tr("%1: %2").arg(url, why.trimmed()));
        return;
    }
    if (reply->error() != QNetworkReply::NoError) {
        Q_EMIT finished({}, tr("%1: %2").arg(url, reply->errorString()));
        return;
    }
    Q_EMIT finished(std::exchange(m_body, {}), {});
}
