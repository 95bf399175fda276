#pragma once

#include "gleifsettings.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

// One GET of a small metadata answer (the Golden Copy's `publishes/latest`, the mapping API's
// `bic-lei/latest`): the proxy, CA bundle and TLS rules of lookups, at most maxBytes, the whole
// request within settings.timeout, and no redirect followed (a metadata answer has none).
class MetadataRequest final : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 maxBytes = 1 << 20; // real answers are a few kB

    explicit MetadataRequest(const GleifSettings &settings, QObject *parent = nullptr);
    ~MetadataRequest() override;
    Q_DISABLE_COPY_MOVE(MetadataRequest)

    // Emits finished() once, also for an error found at once.
    void get(const QUrl &url);
    void cancel();

Q_SIGNALS:
    // `error` (one line naming the URL) is empty when `body` is the answer.
    void finished(const QByteArray &body, const QString &error);

private:
    void onFinished();

    GleifSettings m_settings;
    QNetworkAccessManager *m_nam;
    QNetworkReply *m_reply = nullptr;
    QByteArray m_body;
    QString m_refusal;
};
