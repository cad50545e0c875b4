// An import's progress, asked for every second and written into the page's live region, so that it updates without a
// reload (and screen readers hear it). When the import ends, the page is loaded again to show the result. Without
// JavaScript the page has a Refresh link instead, which this hides.
const everyMilliseconds = 1000

export function followImport (region) {
  const url = region.dataset.progressUrl
  const refresh = document.querySelector('[data-import-refresh]')
  if (refresh) refresh.hidden = true

  const timer = window.setInterval(async () => {
    let progress
    try {
      const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      if (!response.ok) throw new Error(`progress answered ${response.status}`)
      progress = await response.json()
    } catch {
      // The server restarted or the network failed: stop asking, and offer the link again.
      window.clearInterval(timer)
      if (refresh) refresh.hidden = false
      return
    }
    if (progress.finished) {
      window.clearInterval(timer)
      window.location.reload()
      return
    }
    for (const field of ['status', 'step', 'records']) {
      const element = region.querySelector(`[data-progress="${field}"]`)
      if (element && element.textContent !== progress[field]) element.textContent = progress[field]
    }
  }, everyMilliseconds)
}
