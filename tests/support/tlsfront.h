#pragma once

#include <QObject>
#include <QSslConfiguration>
#include <QString>
#include <QUrl>

class QSslServer;

// A TLS front for a plain loopback server (normally a FakeGleif): accepts TLS on 127.0.0.1 with
// the test certificate of tests/data/tls (issued by its test CA for localhost and 127.0.0.1) and
// passes the decrypted bytes on to the back end, so every fake behaviour is also there over TLS.
class TlsFront final : public QObject
{
    Q_OBJECT
public:
    explicit TlsFront(quint16 backendPort, QObject *parent = nullptr);
    ~TlsFront() override;
    Q_DISABLE_COPY_MOVE(TlsFront)

    bool listen(quint16 port = 0);
    quint16 port() const;
    // https://127.0.0.1:PORT/api/v1
    QUrl baseUrl() const;
    QString errorString() const { return m_error; }

    int handshakesStarted() const { return m_started; } // TLS connection attempts
    int handshakesCompleted() const { return m_completed; }

    static QString caPath(); // the test CA (PEM), the bundle that makes the server trusted
    static QString certificatePath();
    static QString keyPath();

private:
    void onConnection();

    quint16 m_backendPort;
    QSslServer *m_server;
    QString m_error;
    int m_started = 0;
    int m_completed = 0;
};
