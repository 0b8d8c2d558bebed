# bash completion for recproc(1)
_recproc() {
  local cur prev cmd i
  COMPREPLY=()
  cur="${COMP_WORDS[COMP_CWORD]}"
  prev="${COMP_WORDS[COMP_CWORD-1]}"
  local commands="run validate explain test schema daemon version help"
  cmd=run
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "${COMP_WORDS[i]}" in
      run|validate|explain|test|schema|daemon|version|help) cmd="${COMP_WORDS[i]}"; break ;;
    esac
  done
  case "$prev" in
    -c|--config)
      COMPREPLY=($(compgen -f -X '!*.@(yaml|yml)' -- "$cur") $(compgen -d -- "$cur")); return ;;
    -o|--output|--failed|-f|--file)
      COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --stats) COMPREPLY=(); return ;;
    --now|--threads|-n|--max|--parser|--ignore) return ;;
  esac
  local opts
  case "$cmd" in
    run) opts="-c --config -o --output --failed --stats --stats=json --stats=text --now --parser --strict --threads -q --quiet -h --help" ;;
    validate) opts="-c --config -q --quiet -h --help" ;;
    explain) opts="-f --file -n --max --json -c --config --now --parser -h --help" ;;
    test) opts="--update --ignore --no-default-ignore -q --quiet -c --config --now -h --help" ;;
    schema) opts="--json -c --config -h --help" ;;
    daemon) opts="run list status reset enable disable reschedule validate -h --help" ;;
    *) opts="-h --help" ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  elif [[ $COMP_CWORD -eq 1 ]]; then
    COMPREPLY=($(compgen -W "$commands" -- "$cur") $(compgen -f -- "$cur"))
  elif [[ "$cmd" == daemon ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur") $(compgen -f -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -F _recproc recproc
