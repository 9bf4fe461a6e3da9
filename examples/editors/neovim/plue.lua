-- Plue workflows in Neovim's built-in LSP client, without nvim-lspconfig.
-- Starts `plue lsp --stdio` for files under .plue/workflows/ and for
-- .plue/prompts/*.prompt.md, one server per project (the directory that
-- holds .plue), and for no other file. docs/editors.md explains it; the
-- Neovim test (test/src/neovim.test.ts) loads this very file.
--
-- Install: copy it to ~/.config/nvim/lua/plue.lua and put in init.lua
--   require('plue').setup({ cmd = { '/path/to/plue', 'lsp', '--stdio' } })
-- Options (all optional):
--   cmd       the server command (default: `plue lsp --stdio` from PATH)
--   settings  the `plue` settings, e.g. { event = 'pull_request' }

local M = {}

-- The files the server is for. In autocommand patterns `*` also matches
-- `/`, so workflows in subdirectories of .plue/workflows/ are included.
M.patterns = { '*/.plue/workflows/*.py', '*/.plue/prompts/*.prompt.md' }

local options = { cmd = { 'plue', 'lsp', '--stdio' }, settings = {} }

-- Client ids by project root, for Neovim 0.7 (no vim.lsp.start yet).
local clients = {}

--- The project root of a workflow or prompt file: the directory holding its
--- .plue directory (the last one in the path), or nil for any other file.
function M.root_of(path)
  return path:match('^(.*)/%.plue/workflows/.+%.py$') or path:match('^(.*)/%.plue/prompts/[^/]+%.prompt%.md$')
end

local function client_config(root)
  return {
    name = 'plue',
    cmd = options.cmd,
    root_dir = root,
    -- read by the server at start, and again through workspace/configuration
    init_options = { settings = options.settings },
    settings = { plue = options.settings },
  }
end

--- Attaches the buffer to its project's server, starting the server if needed.
function M.attach(bufnr)
  local path = vim.api.nvim_buf_get_name(bufnr)
  local root = M.root_of(vim.fn.fnamemodify(path, ':p'))
  if root == nil then
    return
  end
  if vim.lsp.start ~= nil then
    -- Neovim 0.8 and later: reuses the client whose name and root_dir match
    vim.lsp.start(client_config(root), { bufnr = bufnr })
    return
  end
  -- Neovim 0.7
  local id = clients[root]
  local client = id and vim.lsp.get_client_by_id(id)
  if client == nil or client.is_stopped() then
    id = vim.lsp.start_client(client_config(root))
    clients[root] = id
  end
  if id ~= nil then
    vim.lsp.buf_attach_client(bufnr, id)
  end
end

--- Registers the autocommands; call it once from init.lua.
function M.setup(opts)
  options = vim.tbl_extend('force', options, opts or {})
  local group = vim.api.nvim_create_augroup('plue', { clear = true })
  vim.api.nvim_create_autocmd({ 'BufReadPost', 'BufNewFile' }, {
    group = group,
    pattern = M.patterns,
    callback = function(args)
      M.attach(args.buf)
    end,
  })
end

return M
