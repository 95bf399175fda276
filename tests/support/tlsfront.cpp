#include "tlsfront.h"

#include <QFile>
#include <QHostAddress>
#include <QNetworkProxy>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpSocket>

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

TlsFront::TlsFront(quint16 backendPort, QObject *parent)
    : QObject(parent)
    , m_backendPort(backendPort)
    , m_server(new QSslServer(this))
{
    QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
    conf.setLocalCertificate(QSslCertificate(readAll(certificatePath()), QSsl::Pem));
    conf.setPrivateKey(QSslKey(readAll(keyPath()), QSsl::Ec, QSsl::Pem));
    conf.setPeerVerifyMode(QSslSocket::VerifyNone); // clients present no certificate
    m_server->setSslConfiguration(conf);
    m_server->setProxy(QNetworkProxy::NoProxy); // whatever proxy the machine has
    connect(m_server, &QSslServer::startedEncryptionHandshake, this, [this] { ++m_started; });
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this, &TlsFront::onConnection);
}

TlsFront::~TlsFront() = default;

QString TlsFront::caPath()
{
    return QStringLiteral(LEI_TLS_DATA_DIR "/test-ca.pem");
}

QString TlsFront::certificatePath()
{
    return QStringLiteral(LEI_TLS_DATA_DIR "/server.pem");
}

QString TlsFront::keyPath()
{
    return QStringLiteral(LEI_TLS_DATA_DIR "/server.key");
}

bool TlsFront::listen(quint16 port)
{
    if (m_server->sslConfiguration().localCertificate().isNull()) {
        m_error = QStringLiteral("cannot read %1").arg(certificatePath());
        return false;
    }
    if (!m_server->listen(QHostAddress::LocalHost, port)) {
        m_error = m_server->errorString();
        return false;
    }
    return true;
}

quint16 TlsFront::port() const
{
    return m_server->serverPort();
}

QUrl TlsFront::baseUrl() const
{
    return QUrl(QStringLiteral("https://127.0.0.1:%1/api/v1").arg(port()));
}

void TlsFront::onConnection()
{
    while (QTcpSocket *client = m_server->nextPendingConnection()) {
        ++m_completed;
        auto *backend = new QTcpSocket(client);
        backend->setProxy(QNetworkProxy::NoProxy);
        // Written before the back end is connected: QAbstractSocket buffers until then.
        connect(client, &QIODevice::readyRead, backend, [client, backend] { backend->write(client->readAll()); });
        connect(backend, &QIODevice::readyRead, client, [client, backend] { client->write(backend->readAll()); });
        connect(backend, &QAbstractSocket::disconnected, client, [client] { client->disconnectFromHost(); });
        connect(backend, &QAbstractSocket::errorOccurred, client, [client] { client->disconnectFromHost(); });
        connect(client, &QAbstractSocket::disconnected, client, &QObject::deleteLater);
        backend->connectToHost(QHostAddress::LocalHost, m_backendPort);
        if (client->bytesAvailable() > 0)
            backend->write(client->readAll());
    }
}
