#pragma once

#include <QDialog>
#include <QElapsedTimer>
#include <QFuture>

#include <atomic>

class QLabel;
class QProgressBar;
class QPushButton;

// Tools > GLEIF Data: what the local mirror of GLEIF's Golden Copy holds (publish dates, age,
// counts, size), importing files downloaded by hand, and removing it. Counting and importing run
// on a worker thread, so the window stays live; an enrichment may run meanwhile (it keeps reading
// the mirror it has open and sees the new one once the import is complete).
class MirrorDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit MirrorDialog(const QString &mirrorPath, QWidget *parent = nullptr);
    ~MirrorDialog() override; // cancels a running import and waits for it
    Q_DISABLE_COPY_MOVE(MirrorDialog)

    QString mirrorPath() const { return m_path; }
    bool isBusy() const { return m_busy; }
    QString statusText() const;
    QString errorText() const;

public Q_SLOTS:
    void refresh();
    // LEI2, relationship, reporting-exception and BIC-map files, ZIP or CSV, recognised by their
    // header; the previous mirror stays as it was when an import fails or is cancelled.
    void importFiles(const QStringList &paths);
    void cancel();
    // Deletes the mirror; asks first unless `confirmed`.
    void removeMirror(bool confirmed = false);

Q_SIGNALS:
    void statusShown();
    void importFinished(bool ok, const QString &error);

private:
    void chooseFiles();
    void setBusy(bool busy);
    void showProgress(qint64 bytes, qint64 totalBytes, qint64 records);

    QString m_path;
    QLabel *m_pathLabel;
    QLabel *m_status;
    QLabel *m_progressLabel;
    QLabel *m_error; // the last import's or removal's failure, until the next one starts
    QProgressBar *m_progress;
    QPushButton *m_importButton;
    QPushButton *m_removeButton;
    QPushButton *m_cancelButton;
    bool m_busy = false;
    std::atomic<bool> m_cancel{false};
    QElapsedTimer m_importClock;
    QFuture<QString> m_work; // the running import, waited for on close
};
