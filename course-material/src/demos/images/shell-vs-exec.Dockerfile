# Chapter "images": ENTRYPOINT and CMD, shell form against exec form.
# tag::forms[]
FROM busybox
# Exec form (JSON array): sleep is PID 1 and receives `docker stop`'s SIGTERM itself.
ENTRYPOINT ["sleep"]
# CMD gives ENTRYPOINT's default arguments: `docker run IMAGE 5` replaces only "3600".
CMD ["3600"]
# Shell form would be:  ENTRYPOINT sleep 3600
# that is /bin/sh -c "sleep 3600": sh is PID 1, and CMD and run's arguments are ignored.
# end::forms[]
