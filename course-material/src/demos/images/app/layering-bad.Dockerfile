# Chapter "images": how NOT to layer an image (compare layering-good.Dockerfile).
# tag::bad[]
FROM debian:12
COPY . /app
RUN apt-get update
RUN apt-get install -y python3 python3-pip build-essential
RUN pip3 install --break-system-packages -r /app/requirements.txt
RUN rm -rf /var/lib/apt/lists/*
CMD python3 /app/main.py
# end::bad[]
