#pragma once

#include <QList>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QString>

#include <functional>
#include <optional>

class QNetworkAccessManager;
class QNetworkProxy;
class QNetworkRequest;
struct GleifSettings;

// How the product reaches GLEIF's hosts, shared by every client of them (the lookups now, the
// Golden Copy downloads later): the proxy, extra trusted CAs and proxy credentials. Certificate
// errors are never ignored here or anywhere else.
namespace NetworkConfig {

// The certificates of a PEM CA bundle. `error` says why there are none, naming the file;
// `unreadable` tells a file that cannot be read from one that holds no certificate.
struct CaBundle
{
    QList<QSslCertificate> certificates;
    QString error;
    bool unreadable = false;
};
CaBundle loadCaBundle(const QString &path);

// Once, where a manager is created: answers a proxy that asks for credentials (see below).
void attach(QNetworkAccessManager *manager);

// What each request needs, worked out once per settings: the TLS configuration (the system's
// CAs plus the bundle's). `error` is set when the bundle cannot be used: then nothing is sent.
struct Setup
{
    QSslConfiguration tls;
    QString error;
};
// Also sets the manager's proxy: that of `settings`, by default the system's (the desktop's
// settings, or https_proxy / http_proxy / no_proxy with credentials in the URL).
Setup setUp(QNetworkAccessManager *manager, const GleifSettings &settings);
// For every request.
void prepare(QNetworkRequest &request, const Setup &setup);

struct ProxyCredentials
{
    QString user;
    QString password;
};
// Asks the user for a proxy's credentials without blocking and calls `answer` once (nullopt:
// declined). Installed by the desktop application; without one only the credentials in the
// proxy URL are used. Answers are remembered in memory for the session, never written anywhere.
using ProxyCredentialsPrompt = std::function<void(
    const QNetworkProxy &proxy, std::function<void(std::optional<ProxyCredentials>)> answer)>;
void setProxyCredentialsPrompt(ProxyCredentialsPrompt prompt);
// Forgets what the prompt answered (tests; a new session).
void forgetProxyCredentials();

} // namespace NetworkConfig
