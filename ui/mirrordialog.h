#pragma once

#include "gleifsettings.h"

#include <QDialog>
#include <QElapsedTimer>
#include <QFuture>

#include <atomic>

class MirrorUpdater;
class QLabel;
class QProgressBar;
class QPushButton;

// Tools > GLEIF Data: what the local mirror of GLEIF's Golden Copy holds (publish dates, age,
// counts, size), updating it from GLEIF (MirrorUpdater: the Golden Copy and mapping APIs of
// LEI_ENRICHER_GOLDEN_COPY_URL / LEI_ENRICHER_MAPPING_URL, else GLEIF's), importing files
// downloaded by hand, and removing it. Counting and importing run
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
    QString noteText() const; // the last update's outcome when it did not fail
    // Proxy, CA bundle and timeout for Update Now (the application's GLEIF settings).
    void setNetwork(const GleifSettings &network) { m_network = network; }
    // Update Now runs `updater` (the window's, which may be updating in the background already:
    // then the dialog shows it busy); the dialog's own otherwise. Not owned.
    void useUpdater(MirrorUpdater *updater);

public Q_SLOTS:
    void refresh();
    // LEI2, relationship, reporting-exception and BIC-map files, ZIP or CSV, recognised by their
    // header; the previous mirror stays as it was when an import fails or is cancelled.
    void importFiles(const QStringList &paths);
    // Downloads what the mirror lacks and imports it; the mirror stays as it was on a failure or
    // a cancel (what was downloaded is kept for the next update).
    void updateNow();
    void cancel();
    // Deletes the mirror; asks first unless `confirmed`.
    void removeMirror(bool confirmed = false);

Q_SIGNALS:
    void statusShown();
    void importFinished(bool ok, const QString &error);
    void updateFinished(bool ok, const QString &error); // up to date is ok

private:
    void chooseFiles();
    void setBusy(bool busy);
    void showProgress(qint64 bytes, qint64 totalBytes, qint64 records);
    void showProgressText(const QString &phase, qint64 bytes, qint64 totalBytes, qint64 records, double rate);

    QString m_path;
    QLabel *m_pathLabel;
    QLabel *m_status;
    QLabel *m_progressLabel;
    QLabel *m_error; // the last import's or removal's failure, until the next one starts
    QLabel *m_note; // the last update's outcome: updated, up to date
    QProgressBar *m_progress;
    QPushButton *m_importButton;
    QPushButton *m_updateButton;
    QPushButton *m_removeButton;
    QPushButton *m_cancelButton;
    bool m_busy = false;
    std::atomic<bool> m_cancel{false};
    QElapsedTimer m_importClock;
    QFuture<QString> m_work; // the running import, waited for on close
    GleifSettings m_network;
    MirrorUpdater *m_updater = nullptr;
    QString m_phase; // of the running update: "Downloading the lei2 full file (1 of 4)"
    bool m_downloading = false;
};
