#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

class QTcpServer;
class QTcpSocket;

// A tiny HTTP proxy on 127.0.0.1 for tests: CONNECT tunnels (https) and plain forwarding
// (http, absolute-form request targets), optionally demanding Basic Proxy-Authorization
// (407 otherwise). Whatever host a request names, it goes to 127.0.0.1 (the named port): a test
// never reaches the internet, and can name a host such as gleif.test, because Qt sends no
// request for a loopback address to a system proxy.
class TestProxy final : public QObject
{
    Q_OBJECT
public:
    explicit TestProxy(QObject *parent = nullptr);
    ~TestProxy() override;
    Q_DISABLE_COPY_MOVE(TestProxy)

    bool listen(quint16 port = 0);
    quint16 port() const;
    QString errorString() const;

    // Empty user: no authentication demanded.
    void requireCredentials(const QString &user, const QString &password);

    int tunnels() const { return m_tunnels; } // CONNECTs let through
    int forwarded() const { return m_forwarded; } // plain requests let through
    int refused() const { return m_refused; } // 407s answered
    QList<QByteArray> targets() const { return m_targets; } // request targets, in order, refused ones too

private:
    struct Client
    {
        QByteArray head;
        QTcpSocket *upstream = nullptr;
    };
    void onConnection();
    void onClientData(QTcpSocket *client);
    void handleHead(QTcpSocket *client, const QByteArray &head, const QByteArray &rest);
    static void answer(QTcpSocket *client, const QByteArray &statusLine, const QByteArray &extraHeaders = {});

    QTcpServer *m_server;
    QHash<QTcpSocket *, Client> m_clients;
    QByteArray m_expectedAuthorization; // "Basic base64(user:password)", empty for none
    int m_tunnels = 0;
    int m_forwarded = 0;
    int m_refused = 0;
    QList<QByteArray> m_targets;
};
