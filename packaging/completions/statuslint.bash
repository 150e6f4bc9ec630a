# bash completion for statuslint                                    -*- shell-script -*-
# Options and presets are read from `statuslint COMMAND --help`, so they never fall behind
# the binary; values that are fixed lists are completed from those lists.

_statuslint_options() {
  "${1:-statuslint}" "$2" --help 2>/dev/null | grep -oE -- '(^|[ ,\[])--?[a-zA-Z][a-zA-Z0-9-]*' |
    grep -oE -- '--?[a-zA-Z][a-zA-Z0-9-]*' | sort -u
}

_statuslint_presets() {
  "${1:-statuslint}" scan --help 2>/dev/null | sed -n '/^Format presets/,/^$/p' | awk 'NR > 1 && NF {print $1}'
}

_statuslint_report_formats() {
  "${1:-statuslint}" scan --help 2>/dev/null | sed -n '/^Report formats/,/^$/p' | awk 'NR > 1 && NF {print $1}'
}

_statuslint() {
  local cur prev cmd i
  cur=${COMP_WORDS[COMP_CWORD]}
  prev=${COMP_WORDS[COMP_CWORD - 1]}
  local bin=${COMP_WORDS[0]}
  cmd=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    case ${COMP_WORDS[i]} in
      scan | detect | rules | merge | explain) cmd=${COMP_WORDS[i]}; break ;;
    esac
  done
  if [[ -z $cmd ]]; then
    COMPREPLY=($(compgen -W "scan detect rules merge explain --help --version" -- "$cur"))
    return
  fi
  case $prev in
    --format)
      if [[ $cmd == rules || $cmd == explain || $cmd == detect ]]; then
        COMPREPLY=($(compgen -W "text json" -- "$cur"))
      else
        COMPREPLY=($(compgen -W "$(_statuslint_report_formats "$bin")" -- "$cur"))
      fi
      return ;;
    --fail-on) COMPREPLY=($(compgen -W "error warning info none" -- "$cur")); return ;;
    --bucket) COMPREPLY=($(compgen -W "minute hour day auto" -- "$cur")); return ;;
    -l | --log-format) COMPREPLY=($(compgen -W "$(_statuslint_presets "$bin") har json" -- "$cur")); return ;;
    --enable | --disable | --severity)
      COMPREPLY=($(compgen -W "$("$bin" rules --all 2>/dev/null | awk '{print $1}')" -- "$cur")); return ;;
    -o | --output | --partial | --rules | --config | --sarif-root)
      COMPREPLY=($(compgen -f -- "$cur")); return ;;
    -j | --jobs | --top | --examples | --max-rate | --max-count | --since | --until | --chunk-size | \
      --max-line-bytes | --top-memory | --json-field | --byte-range)
      return ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$(_statuslint_options "$bin" "$cmd")" -- "$cur"))
  elif [[ $cmd == rules ]]; then
    COMPREPLY=($(compgen -W "$("$bin" rules --all 2>/dev/null | awk '{print $1}')" -- "$cur"))
  elif [[ $cmd != explain ]]; then
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -F _statuslint statuslint
