// local build placeholder (untracked)
