/*
 * System calls whose guest buffer lies in a MAP_SHARED file mapping past
 * the file's end (the audit of issue 17): wholly past it, or straddling
 * the last page that has file bytes.  Natively each such page is
 * unreadable and unwritable for the kernel's copies (a fault that finds
 * no page past EOF: -EFAULT, never SIGBUS), so a call answers -EFAULT or
 * copies what fits and says how much, and stitch must answer the same:
 * reads and writes, iovecs, getrandom, getdents, getcwd, readlink,
 * recvmsg and recvfrom, the stat family, uname, sysinfo, clocks, pipe2,
 * socketpair, getgroups, affinity, signal state, limits, poll, epoll,
 * select, wait4, waitid, getsockname, ioctl, times, capget, time,
 * nanosleep.  i386 numbers (stat64, getgroups32, _newselect, time).
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <poll.h>
#include <time.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <sys/resource.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <unistd.h>
#define PAGE 4096
static void show(const char *w, long r){ printf("%-40s -> %ld errno %d\n", w, r, r<0?errno:0); errno=0; }
int main(void){
  setvbuf(stdout,0,_IONBF,0);
  int fd=open("sh.data",O_RDWR|O_CREAT|O_TRUNC,0600); if(write(fd,"hello",5)!=5) return 3;
  char *m=mmap(0,3*PAGE,PROT_READ|PROT_WRITE,MAP_SHARED,fd,0); close(fd);
  char *eof=m+PAGE;       /* wholly past EOF */
  char *str=m+PAGE-100;   /* straddling: 100 bytes valid then past EOF */
  static char big[8192]; for(int i=0;i<8192;i++) big[i]='a'+i%26;
  int df=open("d.bin",O_RDWR|O_CREAT|O_TRUNC,0600); write(df,big,sizeof big);
  lseek(df,0,SEEK_SET); show("read eof",syscall(SYS_read,df,eof,100));
  lseek(df,0,SEEK_SET); show("read straddle",syscall(SYS_read,df,str,1000)); printf("  pos %ld\n",(long)lseek(df,0,SEEK_CUR));
  show("pread straddle",syscall(SYS_pread64,df,str,1000,0,0));
  struct iovec iov[2]={{m,50},{str,1000}}; lseek(df,0,SEEK_SET);
  show("readv straddle",syscall(SYS_readv,df,iov,2));
  show("preadv straddle",syscall(SYS_preadv,df,iov,2,0,0));
  show("write from eof",syscall(SYS_write,df,eof,10));
  show("write from straddle",syscall(SYS_write,df,str,1000));
  show("getrandom eof",syscall(SYS_getrandom,eof,16,0));
  show("getrandom straddle",syscall(SYS_getrandom,str,1000,0));
  int dd=open(".",O_RDONLY|O_DIRECTORY);
  show("getdents64 eof",syscall(SYS_getdents64,dd,eof,4096));
  lseek(dd,0,SEEK_SET);
  show("getdents64 straddle",syscall(SYS_getdents64,dd,str,4096));
  lseek(dd,0,SEEK_SET);
  show("getdents straddle",syscall(SYS_getdents,dd,str,4096));
  show("getcwd eof",syscall(SYS_getcwd,eof,4096));
  show("getcwd straddle",syscall(SYS_getcwd,m+PAGE-4,4096));
  symlink("abcdefghijklmnop","lnk");
  show("readlink eof",syscall(SYS_readlink,"lnk",eof,16));
  memset(m+PAGE-4,0,4);
  show("readlink straddle",syscall(SYS_readlink,"lnk",m+PAGE-4,16)); printf("  copied %.4s\n",m+PAGE-4);
  show("readlink path eof",syscall(SYS_readlink,eof,big,16));
  show("open path eof",syscall(SYS_open,eof,O_RDONLY));
  int sv[2]; socketpair(AF_UNIX,SOCK_DGRAM,0,sv);
  send(sv[0],big,500,0);
  struct iovec riov={str,500}; struct msghdr mh={.msg_iov=&riov,.msg_iovlen=1};
  show("recvmsg straddle",syscall(SYS_recvmsg,sv[1],&mh,0)); printf("  flags %#x\n",mh.msg_flags);
  send(sv[0],big,500,0);
  show("recvfrom eof",syscall(SYS_recvfrom,sv[1],eof,500,0,0,0));
  send(sv[0],big,500,0);
  struct msghdr *mhe=(struct msghdr*)eof;
  show("recvmsg hdr eof",syscall(SYS_recvmsg,sv[1],mhe,0));
  show("stat64 eof",syscall(SYS_stat64,".",eof));
  show("fstat64 straddle",syscall(SYS_fstat64,0,m+PAGE-8));
  show("statx eof",syscall(SYS_statx,AT_FDCWD,".",0,0x7ff,eof));
  show("uname eof",syscall(SYS_uname,eof));
  show("sysinfo eof",syscall(SYS_sysinfo,eof));
  show("clock_gettime64 eof",syscall(SYS_clock_gettime64,CLOCK_REALTIME,eof));
  show("gettimeofday eof",syscall(SYS_gettimeofday,eof,0));
  show("pipe2 eof",syscall(SYS_pipe2,eof,0));
  show("socketpair eof",syscall(SYS_socketpair,AF_UNIX,SOCK_STREAM,0,eof));
  show("getgroups32 eof",syscall(SYS_getgroups32,4,eof));
  show("sched_getaffinity eof",syscall(SYS_sched_getaffinity,0,128,eof));
  show("rt_sigpending eof",syscall(SYS_rt_sigpending,eof,8));
  show("sigaltstack old eof",syscall(SYS_sigaltstack,0,eof));
  show("prlimit64 old eof",syscall(SYS_prlimit64,0,RLIMIT_NOFILE,0,eof));
  show("getresuid32 eof",syscall(SYS_getresuid32,eof,eof,eof));
  struct pollfd *pf=(struct pollfd*)eof; 
  show("poll fds eof",syscall(SYS_poll,pf,1,0));
  int ep=epoll_create1(0); struct epoll_event ev={.events=EPOLLOUT}; epoll_ctl(ep,EPOLL_CTL_ADD,sv[0],&ev);
  show("epoll_wait eof",syscall(SYS_epoll_wait,ep,eof,4,0));
  show("select readfds eof",syscall(SYS__newselect,4,eof,0,0,0));
  pid_t c=fork(); if(!c) _exit(3);
  show("wait4 status eof",syscall(SYS_wait4,c,eof,0,0));
  c=fork(); if(!c) _exit(3); usleep(10000);
  show("waitid info eof",syscall(SYS_waitid,P_PID,c,eof,WEXITED,0));
  waitpid(c,0,0);
  show("getsockname eof",syscall(SYS_getsockname,sv[0],eof,eof+64));
  show("ioctl FIONREAD eof",syscall(SYS_ioctl,sv[1],0x541B,eof));
  show("times eof",syscall(SYS_times,eof));
  show("capget data eof",syscall(SYS_capget,big,eof));
  show("time eof",syscall(SYS_time,eof));
  show("nanosleep req eof",syscall(SYS_nanosleep,eof,0));
  show("msync",syscall(SYS_msync,m,3*PAGE,MS_SYNC));
  return 0;
}
