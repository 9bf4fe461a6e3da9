;;; plue-workflows.el --- Plue workflow files with Eglot  -*- lexical-binding: t; -*-

;; A major mode for Plue workflow files (.plue/workflows/*.py), derived
;; from python-mode so highlighting and indentation stay Python's, and an
;; Eglot entry that starts `plue lsp --stdio' for that mode only: ordinary
;; Python files keep python-mode and whatever server they had. The
;; project root Eglot gives the server is the directory holding .plue.
;; docs/editors.md explains it; the Emacs test (test/src/emacs.test.ts)
;; loads this very file.
;;
;; Install: put this file on `load-path' and in your init file
;;   (setq plue-server-command '("/path/to/plue" "lsp" "--stdio"))
;;   (require 'plue-workflows)
;; Needs Eglot: built into Emacs 29, a package for Emacs 28 (Debian: elpa-eglot).

;;; Code:

(require 'python)
(require 'project)
(require 'eglot)

(defvar plue-server-command '("plue" "lsp" "--stdio")
  "The command that starts the Plue language server.
Set it before this file is loaded.")

;;;###autoload
(define-derived-mode plue-workflow-mode python-mode "Plue"
  "Major mode for Plue workflow files: Python, with the Plue language server.")

;; In front of python-mode's own \\.py entry.
;;;###autoload
(add-to-list 'auto-mode-alist '("/\\.plue/workflows/.*\\.py\\'" . plue-workflow-mode))

;; Eglot picks the first entry whose mode the buffer's mode is or derives
;; from, so this entry must come before any python-mode one: `add-to-list'
;; puts it first.
(add-to-list 'eglot-server-programs `(plue-workflow-mode . ,plue-server-command))

(defun plue-workflows-project (dir)
  "The project Eglot uses for a workflow file in DIR: the directory holding .plue.
Only answers Eglot (`eglot-lsp-context'), so project.el commands are unchanged."
  (when (and eglot-lsp-context (derived-mode-p 'plue-workflow-mode))
    (let ((root (locate-dominating-file dir ".plue")))
      (when root
        (cons 'transient (expand-file-name root))))))

(add-hook 'project-find-functions #'plue-workflows-project)

(add-hook 'plue-workflow-mode-hook #'eglot-ensure)

(provide 'plue-workflows)

;;; plue-workflows.el ends here
