// Progressive enhancement only: every page works without JavaScript.
import { initAll } from '/govuk/govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()

const importProgress = document.querySelector('[data-module="waypoint-import-progress"]')
if (importProgress) {
  const { followImport } = await import('/js/import-progress.mjs')
  followImport(importProgress)
}
