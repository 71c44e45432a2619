#!/bin/sh
# Runs the twzkvs security steps of kernel-kvs-reader.test on the host
# (hosted) or builds one twz-boot run of them (kernel): each line of the
# steps is "CONTEXT ARGS..." ("-": no context; "setup": the set-up
# program). Output: everything the programs print, stdout and stderr.
# usage: kvs-steps.sh hosted KVS SETUP STORE  |  kvs-steps.sh kernel KVS SETUP TWZ-BOOT...
mode=$1 kvs=$2 setup=$3
shift 3
steps='- put alpha one
- put secret 42 private
setup
reader get alpha
reader get secret
reader put beta two
reader del alpha
reader list
writer get secret
writer put beta two
reader get beta
writer put secret 43 private
reader get secret
writer get secret'
if [ "$mode" = hosted ]; then
  store=$1
  printf '%s\n' "$steps" | while read -r ctx args; do
    if [ "$ctx" = setup ]; then
      TWZ_STORE=$store "$setup" 2>&1
    elif [ "$ctx" = - ]; then
      # shellcheck disable=SC2086
      TWZ_STORE=$store "$kvs" $args 2>&1
    else
      # shellcheck disable=SC2086
      TWZ_STORE=$store TWZ_CONTEXT=$ctx "$kvs" $args 2>&1
    fi
  done
  exit 0
fi
# The first step is twz-boot's program, the others --module, in order.
set -- "$@" --keep-going
main=
newline='
'
IFS=$newline
for line in $steps; do
  IFS=' '
  case "$line" in
  setup) m=$setup ;;
  "- "*) m="$kvs ${line#- }" ;;
  *) m="TWZ_CONTEXT=${line%% *} $kvs ${line#* }" ;;
  esac
  if [ -z "$main" ]; then main=$m; else set -- "$@" --module "$m"; fi
  IFS=$newline
done
IFS=' '
# shellcheck disable=SC2086 # the program's words
exec "$@" $main
