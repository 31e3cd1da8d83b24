# The options both install scripts take; sourced, sets root, binary, apt
# and user from "$@".
root="" binary="" apt=1 user=1
while [ $# -gt 0 ]; do
  case "$1" in
    --root) root="$2"; shift 2 ;;
    --binary) binary="$2"; shift 2 ;;
    --no-apt) apt=0; shift ;;
    --no-user) user=0; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
