# Chapter "images": a multi-stage build. The compiler lives only in the first stage;
# the final image holds one static binary and nothing else.
# tag::multistage[]
FROM gcc:13 AS build
WORKDIR /src
COPY hello.c .
RUN gcc -static -O2 -o hello hello.c

FROM scratch
COPY --from=build /src/hello /hello
ENTRYPOINT ["/hello"]
# end::multistage[]
