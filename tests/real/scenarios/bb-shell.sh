# busybox sh: pipes, loops, subshells, functions, here-documents, traps,
# exit statuses, background jobs and wait.
# status: 4
fib() { if [ $1 -lt 2 ]; then echo $1; else echo $(( $(fib $(($1-1))) + $(fib $(($1-2))) )); fi; }
echo "fib 12 = $(fib 12)"
i=0; s=0
while [ $i -lt 200 ]; do s=$((s + i * i)); i=$((i + 1)); done
echo "sum of squares: $s"
for w in alpha beta gamma; do echo "$w"; done | sort -r | tr a-z A-Z
( cd /; echo "subshell in $(pwd)"; exit 3 ); echo "subshell status $?"
x=outer; ( x=inner; echo "$x" ); echo "$x"
case "hello.tar.gz" in *.tar.gz) echo "tarball";; *) echo "other";; esac
cat <<END | wc -l
one
two
three
END
false || echo "or after false"
true && echo "and after true"
sh -c 'exit 7'; echo "child sh status $?"
sh -c 'kill -TERM $$'; echo "killed child status $?"
sleep 1 & pid=$!; wait $pid; echo "background job status $?"
sh -c 'trap "echo trapped USR1" USR1; kill -USR1 $$; echo after own signal'
trap 'echo trapped USR2 from a child' USR2
sh -c 'kill -USR2 $PPID'
echo "after the child's signal"
trap - USR2
i=0; while [ $i -lt 500 ]; do echo $i; i=$((i+1)); done | while read n; do echo $((n % 7)); done | sort | uniq -c
echo "${#PATH} > 0: $([ ${#PATH} -gt 0 ] && echo yes)"
exit 4
