# Chapter "images": the same application, layered so that the cache works and the image stays small.
# tag::good[]
FROM debian:12-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-pip \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip3 install --no-cache-dir --break-system-packages -r requirements.txt
COPY . .
USER 10001
CMD ["python3", "main.py"]
# end::good[]
