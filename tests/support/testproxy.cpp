#include "testproxy.h"

#include <QHostAddress>
#include <QNetworkProxy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

TestProxy::TestProxy(QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
{
    m_server->setProxy(QNetworkProxy::NoProxy); // whatever proxy the machine has
    connect(m_server, &QTcpServer::newConnection, this, &TestProxy::onConnection);
}

TestProxy::~TestProxy() = default;

bool TestProxy::listen(quint16 port)
{
    return m_server->listen(QHostAddress::LocalHost, port);
}

quint16 TestProxy::port() const
{
    return m_server->serverPort();
}

QString TestProxy::errorString() const
{
    return m_server->errorString();
}

void TestProxy::requireCredentials(const QString &user, const QString &password)
{
    m_expectedAuthorization = user.isEmpty()
        ? QByteArray()
        : "Basic " + (user + u':' + password).toUtf8().toBase64();
}

void TestProxy::onConnection()
{
    while (QTcpSocket *client = m_server->nextPendingConnection()) {
        m_clients.insert(client, Client {});
        connect(client, &QIODevice::readyRead, this, [this, client] { onClientData(client); });
        connect(client, &QAbstractSocket::disconnected, this, [this, client] {
            m_clients.remove(client);
            client->deleteLater();
        });
    }
}

void TestProxy::onClientData(QTcpSocket *client)
{
    auto it = m_clients.find(client);
    if (it == m_clients.end())
        return;
    if (it->upstream) { // tunnel or forwarded request: bytes pass through
        it->upstream->write(client->readAll());
        return;
    }
    it->head += client->readAll();
    const qsizetype end = it->head.indexOf("\r\n\r\n");
    if (end < 0)
        return;
    const QByteArray head = it->head.left(end + 4);
    const QByteArray rest = it->head.mid(end + 4);
    it->head.clear();
    handleHead(client, head, rest);
}

void TestProxy::answer(QTcpSocket *client, const QByteArray &statusLine, const QByteArray &extraHeaders)
{
    client->write("HTTP/1.1 " + statusLine + "\r\n" + extraHeaders + "Content-Length: 0\r\n\r\n");
}

void TestProxy::handleHead(QTcpSocket *client, const QByteArray &head, const QByteArray &rest)
{
    const QList<QByteArray> lines = head.split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    const QByteArray method = requestLine.value(0);
    const QByteArray target = requestLine.value(1);
    m_targets.append(target);
    QByteArray authorization;
    QByteArray forwardHeaders;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        if (name == "proxy-authorization")
            authorization = line.mid(colon + 1).trimmed();
        else if (name != "proxy-connection" && name != "connection")
            forwardHeaders += line + "\r\n";
    }
    if (!m_expectedAuthorization.isEmpty() && authorization != m_expectedAuthorization) {
        ++m_refused;
        answer(client, "407 Proxy Authentication Required",
            "Proxy-Authenticate: Basic realm=\"test proxy\"\r\n");
        return;
    }

    QString host;
    quint16 port = 0;
    QByteArray upstreamHead;
    if (method == "CONNECT") {
        const qsizetype colon = target.lastIndexOf(':');
        host = QString::fromLatin1(target.left(colon));
        port = quint16(target.mid(colon + 1).toUShort());
    } else {
        const QUrl url(QString::fromLatin1(target));
        host = url.host();
        port = quint16(url.port(80));
        upstreamHead = method + ' ' + url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority)
            + " HTTP/1.1\r\n" + forwardHeaders + "Connection: close\r\n\r\n";
    }
    if (host.isEmpty() || port == 0) {
        answer(client, "400 Bad Request");
        return;
    }

    auto *upstream = new QTcpSocket(client);
    upstream->setProxy(QNetworkProxy::NoProxy);
    m_clients[client].upstream = upstream;
    connect(upstream, &QIODevice::readyRead, client, [client, upstream] { client->write(upstream->readAll()); });
    connect(upstream, &QAbstractSocket::disconnected, client, [client] { client->disconnectFromHost(); });
    connect(upstream, &QAbstractSocket::errorOccurred, client, [client] { client->disconnectFromHost(); });
    if (method == "CONNECT") {
        ++m_tunnels;
        connect(upstream, &QAbstractSocket::connected, client, [client] {
            client->write("HTTP/1.1 200 Connection established\r\n\r\n");
        });
    } else {
        ++m_forwarded;
    }
    upstream->connectToHost(QHostAddress::LocalHost, port);
    if (!upstreamHead.isEmpty())
        upstream->write(upstreamHead);
    if (!rest.isEmpty())
        upstream->write(rest);
}
